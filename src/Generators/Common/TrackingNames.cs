namespace Forklift.Generators.Common;

/// <summary>Names of pipeline steps, so incrementality tests can find them in the driver's run result.</summary>
internal static class TrackingNames
{
    /// <summary>One model per valid <c>[Parallel]</c> method.</summary>
    public const string Methods = nameof(Methods);

    /// <summary>One model per valid <c>[WorkerInitializer]</c> method.</summary>
    public const string Initializers = nameof(Initializers);

    /// <summary>One model per type that declares <c>[Parallel]</c> or <c>[WorkerInitializer]</c> methods.</summary>
    public const string Types = nameof(Types);

    /// <summary>The types the assembly's module initializer registers.</summary>
    public const string Registrations = nameof(Registrations);
}
