"""Printed and exported documents: the shared PDF kit and one module per form."""
