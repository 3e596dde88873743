"""Table tests of the rule families: sentences written for the tests and the facts they must give."""
