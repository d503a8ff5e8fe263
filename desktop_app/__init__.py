"""Shilu (工作实录): the offline work record of a grassroots Party organisation."""
