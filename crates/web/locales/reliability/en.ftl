# Mayak user interface, English: Reliability and security verification.
# Loaded after ../en.ftl; a key may be defined only once per language.
