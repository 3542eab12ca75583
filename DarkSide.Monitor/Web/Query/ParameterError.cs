namespace DarkSide.Monitor.Web.Query;

/// <summary>One problem with one URL parameter, worded for the person who typed it.</summary>
public sealed record ParameterError(string Parameter, string Message)
{
    public override string ToString() => $"{Parameter}: {Message}";
}
