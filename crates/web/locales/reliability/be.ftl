# Mayak user interface, Belarusian: Reliability and security verification.
# Loaded after ../be.ftl; a key may be defined only once per language.
