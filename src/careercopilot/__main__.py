from careercopilot.launcher import main

# Guarded: a process that multiprocessing starts afresh imports the main module again.
if __name__ == "__main__":
    main()
