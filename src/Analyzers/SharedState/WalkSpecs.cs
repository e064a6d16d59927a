using Microsoft.CodeAnalysis;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// Which object an instance member is reached through, read from an operation without a walk's frame and resolved
/// later in one (<c>SharedStateWalker.Resolve</c>): <c>this</c>, a static field, a local or parameter (shared or
/// not depending on the frame), or a field reached through one of those (<c>this._inner</c>). Reading it once lets
/// a followed body's steps be kept and replayed (<see cref="BodyDigest"/>).
/// </summary>
internal readonly struct OwnerSpec
{
    private OwnerSpec(OwnerBase kind, ISymbol? baseSymbol, ISymbol? chained)
    {
        Kind = kind;
        BaseSymbol = baseSymbol;
        Chained = chained;
    }

    public static OwnerSpec None => default;

    public static OwnerSpec This => new(OwnerBase.This, null, null);

    public OwnerBase Kind { get; }

    /// <summary>The static field or property (<see cref="OwnerBase.Fixed"/>) or the variable (<see cref="OwnerBase.Variable"/>).</summary>
    public ISymbol? BaseSymbol { get; }

    /// <summary>The outermost field of a chain such as <c>this._a._b</c>: the owner when the base resolves to one.</summary>
    public ISymbol? Chained { get; }

    public static OwnerSpec Fixed(ISymbol symbol) => new(OwnerBase.Fixed, symbol, null);

    public static OwnerSpec Variable(ISymbol variable) => new(OwnerBase.Variable, variable, null);

    /// <summary>The owner of <paramref name="field"/> read through this owner: shared exactly when this owner is.</summary>
    public OwnerSpec Through(ISymbol field) => Kind switch
    {
        OwnerBase.None => None,
        OwnerBase.Fixed => Fixed(field),
        _ => new OwnerSpec(Kind, BaseSymbol, field),
    };

    /// <summary>The same owner with its symbols mapped (for a replay in another compilation).</summary>
    public OwnerSpec With(ISymbol? baseSymbol, ISymbol? chained) => new(Kind, baseSymbol, chained);
}

internal enum OwnerBase : byte
{
    /// <summary>Not a shared object: created or received per call.</summary>
    None,

    /// <summary><c>this</c>: the frame's owner.</summary>
    This,

    /// <summary>A static field or auto-property: always shared.</summary>
    Fixed,

    /// <summary>A local or parameter: shared when the frame shares it (a captured variable).</summary>
    Variable,
}

/// <summary>
/// The shared state an operation names, read without a walk's frame: a static field or property (always shared), an
/// instance one (shared when its owner is), or a local or parameter (shared when the frame shares it).
/// </summary>
internal readonly struct StateSpec
{
    private StateSpec(StateKind kind, ISymbol state, OwnerSpec owner)
    {
        Kind = kind;
        State = state;
        Owner = owner;
    }

    public StateKind Kind { get; }
    public ISymbol State { get; }
    public OwnerSpec Owner { get; }

    public static StateSpec Static(ISymbol state) => new(StateKind.Static, state, OwnerSpec.None);

    public static StateSpec Instance(ISymbol state, OwnerSpec owner) => new(StateKind.Instance, state, owner);

    public static StateSpec Variable(ISymbol variable) => new(StateKind.Variable, variable, OwnerSpec.Variable(variable));

    public static StateSpec Of(StateKind kind, ISymbol state, OwnerSpec owner) => new(kind, state, owner);
}

internal enum StateKind : byte
{
    Static,
    Instance,
    Variable,
}
