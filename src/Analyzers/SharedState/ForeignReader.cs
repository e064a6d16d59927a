using Microsoft.CodeAnalysis;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// A member of another type that reads state a check found changed elsewhere, named in its message: "'Describe' in
/// 'DepotStatusReporter' reads it (line 62)" (<see cref="HostedLoopForeignCollections"/>, <see cref="HandedOutObjectWrites"/>).
/// </summary>
internal sealed class ForeignReader
{
    public ForeignReader(string member, string type, Location location)
    {
        Member = member;
        Type = type;
        Location = location;
    }

    /// <summary>The reading member's name.</summary>
    public string Member { get; }

    /// <summary>The name of the type that declares it.</summary>
    public string Type { get; }

    /// <summary>Where it reads.</summary>
    public Location Location { get; }
}
