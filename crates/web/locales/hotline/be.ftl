# Mayak user interface, Belarusian: The hotline: checks during a call, Viber and e-mail channels.
# Loaded after ../be.ftl; a key may be defined only once per language.
