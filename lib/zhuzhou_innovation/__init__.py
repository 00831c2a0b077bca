"""Zhuzhou innovation reports: load the dataset, check it, compute and draw from it."""
