"""The browser page: explore one community (Solara + Mesa SolaraViz); it reads the model, never the other way round."""
