namespace DarkSide.Monitor.Model;

public sealed class JobsViewModel
{
}
