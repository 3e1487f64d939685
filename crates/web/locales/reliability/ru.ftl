# Mayak user interface, Russian: Reliability and security verification.
# Loaded after ../ru.ftl; a key may be defined only once per language.
