# Mayak user interface, Belarusian: Statistics: dashboards, the annual report, standard exports.
# Loaded after ../be.ftl; a key may be defined only once per language.
