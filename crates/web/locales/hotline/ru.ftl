# Mayak user interface, Russian: The hotline: checks during a call, Viber and e-mail channels.
# Loaded after ../ru.ftl; a key may be defined only once per language.
