"""The model layer: providers, the embedded server, structured output and one ask."""
