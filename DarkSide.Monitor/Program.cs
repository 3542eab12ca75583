using DarkSide.Monitor.Hosting;

return await MonitorCommandLine.RunAsync(args);
