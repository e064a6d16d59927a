using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Forklift.Shared;

/// <summary>How a type crosses the process boundary; see <see cref="ParallelMarshalClassifier"/>.</summary>
internal enum ParallelMarshalKind
{
    /// <summary>One <c>PayloadWriter.Write&lt;Scalar&gt;</c> call: numbers, string, Guid, dates, byte[]…</summary>
    Scalar,

    /// <summary>Its underlying integer, as a scalar.</summary>
    Enum,
    Array,
    List,
    ReadOnlyList,
    HashSet,
    Dictionary,
    ImmutableArray,
    Nullable,
    Tuple,

    /// <summary>A user record, class or struct: constructor parameters, then settable members.</summary>
    Object,
}

/// <summary>The marshalling plan of one type; a transient value built from symbols, never cached by the generator.</summary>
internal sealed class ParallelMarshalShape
{
    public ParallelMarshalShape(
        ParallelMarshalKind kind,
        ITypeSymbol type,
        string? scalar = null,
        ImmutableArray<ParallelMarshalShape> elements = default,
        ImmutableArray<ParallelMarshalMember> members = default)
    {
        Kind = kind;
        Type = type;
        Scalar = scalar;
        Elements = elements.IsDefault ? ImmutableArray<ParallelMarshalShape>.Empty : elements;
        Members = members.IsDefault ? ImmutableArray<ParallelMarshalMember>.Empty : members;
    }

    public ParallelMarshalKind Kind { get; }

    public ITypeSymbol Type { get; }

    /// <summary>For <see cref="ParallelMarshalKind.Scalar"/> and <see cref="ParallelMarshalKind.Enum"/>: the suffix of the PayloadWriter/PayloadReader methods, e.g. <c>Int32</c>.</summary>
    public string? Scalar { get; }

    /// <summary>Element (collections, nullable), key and value (dictionaries), or items (tuples).</summary>
    public ImmutableArray<ParallelMarshalShape> Elements { get; }

    /// <summary>For <see cref="ParallelMarshalKind.Object"/>: constructor parameters in order, then settable members.</summary>
    public ImmutableArray<ParallelMarshalMember> Members { get; }
}

/// <summary>One member of a user type's marshalling plan.</summary>
internal sealed class ParallelMarshalMember
{
    public ParallelMarshalMember(string name, ParallelMarshalShape shape, bool inConstructor)
    {
        Name = name;
        Shape = shape;
        InConstructor = inConstructor;
    }

    public string Name { get; }

    public ParallelMarshalShape Shape { get; }

    /// <summary><see langword="true"/> when the value is passed to the constructor; otherwise it is set by an initializer.</summary>
    public bool InConstructor { get; }
}

/// <summary>Why a type cannot cross the boundary: FL3003's message arguments.</summary>
internal sealed class ParallelMarshalProblem
{
    public ParallelMarshalProblem(string path, ITypeSymbol type, string reason)
    {
        Path = path;
        Type = type;
        Reason = reason;
    }

    /// <summary>Where the type sits, from the root type, e.g. <c>Order.Attachment</c>.</summary>
    public string Path { get; }

    public ITypeSymbol Type { get; }

    /// <summary>A clause completing "'Order.Attachment' is 'System.IO.Stream', …".</summary>
    public string Reason { get; }
}
