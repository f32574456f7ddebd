// sokogen: writes the benchmark's school-results table (placeholder until the generator lands).
print("sokogen: not written yet")
