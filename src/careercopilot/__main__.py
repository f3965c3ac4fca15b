from careercopilot.launcher import main

main()
