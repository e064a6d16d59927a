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

    /// <summary>A user record, class or struct: constructor parameters, then settable members, then fields set through accessors.</summary>
    Object,
}

/// <summary>How the decoded value of one member of a user type gets into the new object.</summary>
internal enum ParallelMemberAccess
{
    /// <summary>Passed to the constructor.</summary>
    Constructor,

    /// <summary>Set in an object initializer: a settable or init-only member generated code can reach.</summary>
    Initializer,

    /// <summary>
    /// Read and written through a generated <c>[UnsafeAccessor]</c> to the field: state that no reachable constructor
    /// or setter carries (a private field, the backing field of a property with a private setter or no setter).
    /// </summary>
    Field,
}

/// <summary>The marshalling plan of one type; a transient value built from symbols, never cached by the generator.</summary>
internal sealed class ParallelMarshalShape
{
    public ParallelMarshalShape(
        ParallelMarshalKind kind,
        ITypeSymbol type,
        string? scalar = null,
        ImmutableArray<ParallelMarshalShape> elements = default,
        ImmutableArray<ParallelMarshalMember> members = default,
        bool constructsThroughAccessor = false)
    {
        Kind = kind;
        ConstructsThroughAccessor = constructsThroughAccessor;
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

    /// <summary>
    /// For <see cref="ParallelMarshalKind.Object"/>: the type is created by its parameterless constructor called through
    /// an <c>[UnsafeAccessor]</c> (it is not accessible), and every member is then a <see cref="ParallelMemberAccess.Field"/>.
    /// </summary>
    public bool ConstructsThroughAccessor { get; }
}

/// <summary>One member of a user type's marshalling plan.</summary>
internal sealed class ParallelMarshalMember
{
    public ParallelMarshalMember(string name, ParallelMarshalShape shape, ParallelMemberAccess access, IFieldSymbol? field = null)
    {
        Name = name;
        Shape = shape;
        Access = access;
        Field = field;
    }

    /// <summary>The property or field name; for a backing field, its property's name.</summary>
    public string Name { get; }

    public ParallelMarshalShape Shape { get; }

    public ParallelMemberAccess Access { get; }

    /// <summary>For <see cref="ParallelMemberAccess.Field"/>: the field the accessor reaches (its metadata name and declaring type).</summary>
    public IFieldSymbol? Field { get; }
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
