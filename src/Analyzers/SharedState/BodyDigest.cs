using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// What the shared-state walk does in one followed method body, kept after the compilation it was read in: the
/// state it records, the calls it follows and the events it raises, in the walk's order, with the locks held at
/// each and the symbols named by documentation ID. A later compilation of the same <see cref="DeclarationWorld"/>
/// replays these steps instead of binding the body again.
/// </summary>
/// <remarks>
/// <para>Why: an IDE re-analyses a document after each edit on a new compilation, and a walk from that document's
/// thread starts and callbacks follows calls into other files. Binding those bodies anew was most of the cost of a
/// request on a document with timers and locks. Their trees did not change, and neither did any declaration, so
/// they bind as before.</para>
/// <para>Steps are read and replayed only in the frames of followed methods (a whole body), and of the local functions
/// such a body calls: there no local or parameter is shared, so a step that names one is dropped, and what is left
/// names only fields, properties, events, methods and types, and the local functions (by declaration). A body whose
/// steps name something else (a lock on a local, a constructed generic member) has no digest and is walked as
/// before.</para>
/// </remarks>
internal sealed class BodyDigest
{
    private static readonly ConditionalWeakTable<SyntaxTree, Dictionary<int, (DeclarationWorld World, BodyDigest? Digest)>> Digests = new();

    private BodyDigest(ImmutableArray<DigestStep> steps) => Steps = steps;

    public ImmutableArray<DigestStep> Steps { get; }

    /// <summary>
    /// The digest of the body at <paramref name="body"/> in <paramref name="world"/>: found (null when that body
    /// cannot have one) or not yet read.
    /// </summary>
    public static bool TryGet(SyntaxReference body, DeclarationWorld world, out BodyDigest? digest)
    {
        digest = null;
        if (!Digests.TryGetValue(body.SyntaxTree, out var perTree))
        {
            return false;
        }

        lock (perTree)
        {
            if (perTree.TryGetValue(body.Span.Start, out var entry) && entry.World == world)
            {
                digest = entry.Digest;
                return true;
            }
        }

        return false;
    }

    public static void Store(SyntaxReference body, DeclarationWorld world, BodyDigest? digest)
    {
        var perTree = Digests.GetValue(body.SyntaxTree, static _ => new Dictionary<int, (DeclarationWorld, BodyDigest?)>());
        lock (perTree)
        {
            perTree[body.Span.Start] = (world, digest);
        }
    }

    /// <summary>The steps with their symbols in <paramref name="ids"/>' compilation, or null when one is missing there.</summary>
    public ImmutableArray<ResolvedStep>? Resolve(SymbolIds ids)
    {
        var resolved = ImmutableArray.CreateBuilder<ResolvedStep>(Steps.Length);
        foreach (var step in Steps)
        {
            if (!TryResolve(step.StateId, out var state) || !TryResolve(step.TargetId, out var target)
                || !TryResolve(step.OwnerBaseId, out var ownerBase) || !TryResolve(step.OwnerChainedId, out var ownerChained))
            {
                return null;
            }

            var locks = ImmutableArray.CreateBuilder<HeldLock>(step.Locks.Length);
            foreach (var (lockId, allowsWrites) in step.Locks)
            {
                if (!TryResolve(lockId, out var lockSymbol))
                {
                    return null;
                }

                locks.Add(new HeldLock(lockSymbol, allowsWrites));
            }

            var owner = step.Owner.With(ownerBase, ownerChained);
            resolved.Add(new ResolvedStep(step.Kind, state is null ? default : StateSpec.Of(step.StateKind, state, owner), owner, step.AccessKind, step.IsConstantStore, step.StoredConstant, target, locks.MoveToImmutable(), step.Location, step.Local, step.LocalName));
        }

        return resolved.MoveToImmutable();

        // No ID is no symbol; an ID that names nothing here fails the whole digest.
        bool TryResolve(string? id, out ISymbol? symbol)
        {
            symbol = id is null ? null : ids.SymbolOf(id);
            return id is null || symbol is not null;
        }
    }

    /// <summary>Records the steps of one body as a walk takes them; <see cref="ToDigest"/> is null when one cannot be kept.</summary>
    internal sealed class Recorder
    {
        private readonly ImmutableArray<DigestStep>.Builder _steps = ImmutableArray.CreateBuilder<DigestStep>();
        private readonly SymbolIds _ids;
        private readonly SynchronizationFacts _synchronization;
        private bool _failed;

        public Recorder(SymbolIds ids, SynchronizationFacts synchronization)
        {
            _ids = ids;
            _synchronization = synchronization;
        }

        public void Record(StateSpec state, AccessKind kind, IOperation site, bool isConstantStore, string? storedConstant)
        {
            if (state.Kind == StateKind.Variable || _failed)
            {
                return; // no variable is shared in a followed method's frame
            }

            Add(StepKind.Record, state.Kind, _ids.IdOf(state.State), state.Owner, kind, isConstantStore, target: null, site, storedConstant: storedConstant);
        }

        /// <remarks>
        /// A generic callee (<c>Log.Debug&lt;T&gt;(…)</c>, <c>box.Set(…)</c> on a <c>Box&lt;int&gt;</c>) is kept as its
        /// definition: the walk follows the definition's body, and the type it passes on only places the locks the
        /// callee takes, which are compared by definition (<see cref="HeldLock.CanGuard"/>).
        /// </remarks>
        public void Follow(IMethodSymbol callee, OwnerSpec owner, IOperation site)
        {
            if (_failed)
            {
                return;
            }

            if (callee.MethodKind == MethodKind.LocalFunction && callee.DeclaringSyntaxReferences.Length == 1)
            {
                // A local function has no ID, but its declaration is in this body's unchanged tree, and the walk
                // records its own steps as it follows it from here (see LocalFunctions).
                var declaration = callee.DeclaringSyntaxReferences[0];
                LocalFunctions.Add(declaration);
                Add(StepKind.FollowLocal, default, stateId: null, owner, default, isConstantStore: false, target: callee.Name, site, declaration);
                return;
            }

            Add(StepKind.Follow, default, stateId: null, owner, default, isConstantStore: false, _ids.IdOf(callee.OriginalDefinition), site);
        }

        /// <summary>The local functions this body follows: it can be replayed only when each of them has a digest too.</summary>
        public List<SyntaxReference> LocalFunctions { get; } = new();

        /// <remarks>The handlers of an event are found by its definition, so an event of a generic type is kept as that.</remarks>
        public void Raise(IEventSymbol raised, OwnerSpec raisedOn, IOperation site)
        {
            if (!_failed)
            {
                Add(StepKind.Raise, default, stateId: null, raisedOn, default, isConstantStore: false, _ids.IdOf(raised.OriginalDefinition), site);
            }
        }

        /// <summary>The body took a step that cannot be replayed from its own tree (see SharedStateWalker's delegate
        /// calls): it keeps no digest.</summary>
        public void Fail() => _failed = true;

        public BodyDigest? ToDigest() => _failed ? null : new BodyDigest(_steps.ToImmutable());

        private void Add(StepKind step, StateKind stateKind, string? stateId, OwnerSpec owner, AccessKind kind, bool isConstantStore, string? target, IOperation site, SyntaxReference? local = null, string? storedConstant = null)
        {
            // A step that needs a symbol without an ID cannot be replayed: the body gets no digest.
            _failed = step == StepKind.Record ? stateId is null : target is null;
            string? ownerBase = null;
            string? ownerChained = null;
            if (owner.Kind == OwnerBase.Variable)
            {
                owner = OwnerSpec.None; // not shared in a followed method's frame
            }
            else if (owner.Kind == OwnerBase.Fixed)
            {
                _failed |= (ownerBase = _ids.IdOf(owner.BaseSymbol!)) is null;
            }

            if (owner.Kind != OwnerBase.None && owner.Chained is { } chained)
            {
                _failed |= (ownerChained = _ids.IdOf(chained)) is null;
            }

            var held = _synchronization.LocksAt(site);
            var locks = ImmutableArray.CreateBuilder<(string?, bool)>(held.Count);
            foreach (var heldLock in held)
            {
                string? lockId = null;
                _failed |= heldLock.Symbol is { } symbol && (lockId = _ids.IdOf(symbol)) is null;
                locks.Add((lockId, heldLock.AllowsWrites));
            }

            if (!_failed)
            {
                _steps.Add(new DigestStep(step, stateKind, stateId, owner, ownerBase, ownerChained, kind, isConstantStore, storedConstant, local is null ? target : null, locks.MoveToImmutable(), site.Syntax.GetLocation(), local, local is null ? null : target));
            }
        }
    }
}

internal enum StepKind : byte
{
    Record,
    Follow,

    /// <summary>A call of a local function of the body, replayed from the local function's own digest.</summary>
    FollowLocal,
    Raise,
}

/// <summary>One step of a <see cref="BodyDigest"/>, with its symbols as documentation IDs.</summary>
internal sealed class DigestStep
{
    public DigestStep(StepKind kind, StateKind stateKind, string? stateId, OwnerSpec owner, string? ownerBaseId, string? ownerChainedId, AccessKind accessKind, bool isConstantStore, string? storedConstant, string? targetId, ImmutableArray<(string? Id, bool AllowsWrites)> locks, Location location, SyntaxReference? local, string? localName)
    {
        Local = local;
        LocalName = localName;
        Kind = kind;
        StateKind = stateKind;
        StateId = stateId;
        Owner = owner.With(null, null);
        OwnerBaseId = ownerBaseId;
        OwnerChainedId = ownerChainedId;
        AccessKind = accessKind;
        IsConstantStore = isConstantStore;
        StoredConstant = storedConstant;
        TargetId = targetId;
        Locks = locks;
        Location = location;
    }

    public StepKind Kind { get; }
    public StateKind StateKind { get; }
    public string? StateId { get; }

    /// <summary>The owner's kind only: its symbols are <see cref="OwnerBaseId"/> and <see cref="OwnerChainedId"/>.</summary>
    public OwnerSpec Owner { get; }

    public string? OwnerBaseId { get; }
    public string? OwnerChainedId { get; }
    public AccessKind AccessKind { get; }
    public bool IsConstantStore { get; }

    /// <summary>See <see cref="StateAccess.StoredConstant"/>.</summary>
    public string? StoredConstant { get; }

    /// <summary>The method followed or the event raised.</summary>
    public string? TargetId { get; }

    /// <summary>The locks held at the step inside its body (not yet tied to the type that takes them).</summary>
    public ImmutableArray<(string? Id, bool AllowsWrites)> Locks { get; }

    public Location Location { get; }

    /// <summary>For <see cref="StepKind.FollowLocal"/>: the local function's declaration, the key of its digest.</summary>
    public SyntaxReference? Local { get; }

    public string? LocalName { get; }
}

/// <summary>A <see cref="DigestStep"/> with its symbols in the compilation it is replayed in.</summary>
internal sealed class ResolvedStep
{
    public ResolvedStep(StepKind kind, StateSpec state, OwnerSpec owner, AccessKind accessKind, bool isConstantStore, string? storedConstant, ISymbol? target, ImmutableArray<HeldLock> locks, Location location, SyntaxReference? local, string? localName)
    {
        Local = local;
        LocalName = localName;
        Kind = kind;
        State = state;
        Owner = owner;
        AccessKind = accessKind;
        IsConstantStore = isConstantStore;
        StoredConstant = storedConstant;
        Target = target;
        Locks = locks;
        Location = location;
    }

    public StepKind Kind { get; }
    public StateSpec State { get; }
    public OwnerSpec Owner { get; }
    public AccessKind AccessKind { get; }
    public bool IsConstantStore { get; }
    public string? StoredConstant { get; }
    public ISymbol? Target { get; }
    public ImmutableArray<HeldLock> Locks { get; }
    public Location Location { get; }
    public SyntaxReference? Local { get; }
    public string? LocalName { get; }
}

/// <summary>
/// Documentation IDs of one compilation's symbols, both ways. A symbol has an ID only when the ID names it alone
/// (checked by looking it up again) and it is a definition: a field, property, event, method or type.
/// </summary>
internal sealed class SymbolIds
{
    private static readonly ConditionalWeakTable<Compilation, SymbolIds> PerCompilation = new();

    private readonly Compilation _compilation;
    private readonly Dictionary<ISymbol, string?> _ids = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<string, ISymbol?> _symbols = new(StringComparer.Ordinal);

    private SymbolIds(Compilation compilation) => _compilation = compilation;

    public static SymbolIds Of(Compilation compilation) => PerCompilation.GetValue(compilation, static c => new SymbolIds(c));

    public string? IdOf(ISymbol symbol)
    {
        lock (_ids)
        {
            if (_ids.TryGetValue(symbol, out var known))
            {
                return known;
            }

            string? id = null;
            if (IsDefinition(symbol) && DocumentationCommentId.CreateDeclarationId(symbol) is { } candidate
                && SymbolEqualityComparer.Default.Equals(Lookup(candidate), symbol))
            {
                id = candidate;
            }

            _ids[symbol] = id;
            return id;
        }
    }

    public ISymbol? SymbolOf(string id)
    {
        lock (_ids)
        {
            return Lookup(id);
        }
    }

    private ISymbol? Lookup(string id)
    {
        if (!_symbols.TryGetValue(id, out var symbol))
        {
            symbol = DocumentationCommentId.GetFirstSymbolForDeclarationId(id, _compilation);
            _symbols[id] = symbol;
        }

        return symbol;
    }

    private static bool IsDefinition(ISymbol symbol)
    {
        if (!SymbolEqualityComparer.Default.Equals(symbol, symbol.OriginalDefinition))
        {
            return false;
        }

        return symbol switch
        {
            IMethodSymbol method => method.MethodKind is not (MethodKind.LocalFunction or MethodKind.AnonymousFunction or MethodKind.ReducedExtension)
                                    && (method.ContainingType is null || IsDefinition(method.ContainingType)),
            IFieldSymbol or IPropertySymbol or IEventSymbol => symbol.ContainingType is null || IsDefinition(symbol.ContainingType),
            INamedTypeSymbol type => type.ContainingType is null || IsDefinition(type.ContainingType),
            _ => false,
        };
    }
}
