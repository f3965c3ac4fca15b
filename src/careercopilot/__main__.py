from careercopilot.cli import main

main()
