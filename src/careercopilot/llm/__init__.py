"""LLM adapter: any OpenAI-compatible endpoint, structured output with fallbacks, and the offline coach."""
