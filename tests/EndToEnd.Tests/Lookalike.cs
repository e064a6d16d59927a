namespace Forklift.EndToEnd.Tests.Lookalike;

/// <summary>Named like a framework exception, but not one: it must stay a RemoteException in the caller.</summary>
public sealed class KeyNotFoundException(string message) : Exception(message);
