from miljomal.cli import main

main()
