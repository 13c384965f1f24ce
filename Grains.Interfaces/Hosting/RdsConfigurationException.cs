namespace Rds.Hosting;

/// <summary>A setting is missing or wrong; the message names it. Hosts stop with that message alone.</summary>
public sealed class RdsConfigurationException(string message) : Exception(message);
