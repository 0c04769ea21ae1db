"""Analysis of study outputs: run folders -> tables and council-ready figures; it only reads what runs wrote."""
