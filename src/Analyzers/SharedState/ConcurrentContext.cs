using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// One place where code starts running on another thread (a thread body, a <c>Parallel</c> body, a timer callback…),
/// or the stretch of the starting method that runs alongside such code.
/// </summary>
internal sealed class ConcurrentContext
{
    public ConcurrentContext(Location start, bool multiInstance, SyntaxNode? starterBody, int intervalStart, int intervalEnd, ConcurrentContext? partner, SyntaxNode? synchronousBefore = null)
    {
        Start = start;
        MultiInstance = multiInstance;
        StarterBody = starterBody;
        IntervalStart = intervalStart;
        IntervalEnd = intervalEnd;
        Partner = partner;
        SynchronousBefore = synchronousBefore;
    }

    /// <summary>
    /// For the code of an async body before its first <c>await</c>, when the body is called on the starter's thread:
    /// the join of those calls. All such code of one join runs on that thread, one call after another.
    /// </summary>
    public SyntaxNode? SynchronousBefore { get; }

    /// <summary>Where the concurrency comes from; the diagnostics' additional location.</summary>
    public Location Start { get; }

    /// <summary>The code runs concurrently with itself: a <c>Parallel</c> body, a timer callback, a start in a loop.</summary>
    public bool MultiInstance { get; }

    /// <summary>The body of the method that starts the code, used to order starts and joins within it.</summary>
    public SyntaxNode? StarterBody { get; }

    /// <summary>Source position (in <see cref="StarterBody"/>) from which the code runs.</summary>
    public int IntervalStart { get; }

    /// <summary>Source position (in <see cref="StarterBody"/>) at which the starter waits for the code to finish.</summary>
    public int IntervalEnd { get; }

    /// <summary>For the starter's own code between start and join: the context it runs alongside.</summary>
    public ConcurrentContext? Partner { get; }

    /// <summary>For a member of an object walked beside the work the object started and left running: callers may call it meanwhile.</summary>
    public bool BesideStartedWork { get; set; }

    /// <summary>
    /// For a member of a subscriber walked beside its handlers of an event the started work raises: those handlers
    /// (<c>OnStroke</c>), which run on the work's thread.
    /// </summary>
    public string? BesideHandlers { get; set; }

    /// <summary>
    /// For a member of an object the starter was given and the work runs on (<c>sim.Run(…)</c>): the starter's name
    /// for it (<c>sim</c>), whose holder may call the member meanwhile.
    /// </summary>
    public string? HandedAs { get; set; }

    /// <summary>The helper of the compilation whose call starts the code, when a helper does (<see cref="ParallelHelpers"/>).</summary>
    public string? RunBy { get; set; }

    /// <summary>
    /// For work that runs a method of the starting object itself, once (<c>_ = RunCall(message, timeout);</c>,
    /// <c>_loop = Task.Run(PumpAsync);</c>): that method.
    /// </summary>
    public IMethodSymbol? StartedMethod { get; set; }

    /// <summary>
    /// For code that runs several times at once only because a loop starts it once per iteration (or a lambda
    /// that <c>Select</c> calls per element): that loop or lambda (see <see cref="ConcurrentEntry.RepeatedBy"/>).
    /// </summary>
    public SyntaxNode? RepeatedBy { get; set; }

    /// <summary>
    /// Whether each copy of this code has its own <paramref name="variable"/>: a local declared in the body of the loop
    /// that starts the copies, the <c>foreach</c> variable, or the repeating lambda's parameter or local. A <c>for</c>
    /// loop's own variable is one for all iterations.
    /// </summary>
    public bool OwnsPerCopy(ISymbol variable)
    {
        if (RepeatedBy is not { } repeatedBy || variable is not (ILocalSymbol or IParameterSymbol))
        {
            return false;
        }

        var (first, second) = repeatedBy switch
        {
            ForStatementSyntax loop => (loop.Statement.Span, default(TextSpan?)),
            WhileStatementSyntax loop => (loop.Statement.Span, null),
            DoStatementSyntax loop => (loop.Statement.Span, null),
            ForEachStatementSyntax loop => (loop.Statement.Span, loop.Identifier.Span),
            ForEachVariableStatementSyntax loop => (loop.Statement.Span, loop.Variable.Span),
            _ => (repeatedBy.Span, null),
        };
        foreach (var location in variable.Locations)
        {
            if (location.SourceTree == repeatedBy.SyntaxTree
                && (first.Contains(location.SourceSpan) || second is { } other && other.Contains(location.SourceSpan)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"at line 29", or "by 'ForEachParallel' at line 29" when a helper starts the code.</summary>
    public string StartedAt => RunBy is null ? $"at line {StartLine}" : $"by '{RunBy}' at line {StartLine}";

    public int StartLine => Start.GetLineSpan().StartLinePosition.Line + 1;

    /// <summary>Whether code of this context and code of <paramref name="other"/> can run at the same time.</summary>
    public bool RunsConcurrentlyWith(ConcurrentContext other)
    {
        if (ReferenceEquals(this, other))
        {
            return MultiInstance;
        }

        if (SynchronousBefore is not null && SynchronousBefore == other.SynchronousBefore)
        {
            return false; // both run on the starter's thread before their first await
        }

        if (Partner is not null || other.Partner is not null)
        {
            // The starter's stretch overlaps only the code it started; two stretches of one starter are one thread.
            return ReferenceEquals(Partner, other) || ReferenceEquals(other.Partner, this);
        }

        if (StartedMethod is not null && !MultiInstance && !other.MultiInstance
            && SymbolEqualityComparer.Default.Equals(StartedMethod, other.StartedMethod) && StarterBody != other.StarterBody)
        {
            // One method of the object started from several of its members, each once: the object's one operation,
            // which each way of using it starts (gRPC's 'StartUnaryCore' and 'StartServerStreamingCore' both run
            // 'RunCall'; StackExchange.Redis starts a connection's reader from two places). One object runs it once.
            return false;
        }

        if (StarterBody is not null && StarterBody == other.StarterBody)
        {
            // Started by the same method: concurrent only if one starts before the other is joined.
            return IntervalStart < other.IntervalEnd && other.IntervalStart < IntervalEnd;
        }

        return true;
    }
}

/// <summary>What an access does to shared state.</summary>
internal enum AccessKind
{
    /// <summary>An assignment, compound assignment or increment of a field, auto-property or captured local.</summary>
    Write,

    /// <summary>A call that changes a non-thread-safe collection (<c>Add</c>, indexer set…).</summary>
    CollectionMutation,

    /// <summary>A read of a non-thread-safe collection (enumeration, lookup, <c>Count</c>…).</summary>
    CollectionRead,

    /// <summary>A plain read of a field or auto-property; counted for its guard, never reported on its own.</summary>
    Read,
}

/// <summary>A lock held at an access; <see cref="Symbol"/> is null when the lock object is not a simple symbol.</summary>
internal sealed class HeldLock
{
    public HeldLock(ISymbol? symbol, bool allowsWrites, INamedTypeSymbol? acquiredIn = null)
    {
        Symbol = symbol;
        AllowsWrites = allowsWrites;
        AcquiredIn = acquiredIn;
    }

    public ISymbol? Symbol { get; }

    /// <summary>
    /// The type whose code takes the lock. A lock that callers in another type happen to hold when they call in is
    /// not a guard of the callee's fields (it excludes nothing for the callee's other callers).
    /// </summary>
    public INamedTypeSymbol? AcquiredIn { get; }

    public HeldLock In(INamedTypeSymbol? type) => AcquiredIn is null ? new HeldLock(Symbol, AllowsWrites, type) : this;

    /// <summary>Whether this lock can be the guard of <paramref name="state"/>: taken by code of the state's own type.</summary>
    public bool CanGuard(ISymbol state)
        => state is not (IFieldSymbol or IPropertySymbol) || AcquiredIn is null
           || SymbolEqualityComparer.Default.Equals(AcquiredIn.OriginalDefinition, state.ContainingType?.OriginalDefinition);

    /// <summary>False for a reader lock: it protects reads, not writes.</summary>
    public bool AllowsWrites { get; }

    /// <summary>Unknown lock objects match any lock, so that we stay silent rather than guess.</summary>
    public bool SameAs(HeldLock other)
        => Symbol is null || other.Symbol is null || SymbolEqualityComparer.Default.Equals(Symbol, other.Symbol);
}

/// <summary>
/// Identifies one piece of shared state: a static field, an instance field of a given shared object, or a captured local.
/// </summary>
internal sealed class StateKey : IEquatable<StateKey>
{
    public StateKey(ISymbol state, ISymbol? owner)
    {
        State = state;
        Owner = owner;
    }

    public ISymbol State { get; }

    /// <summary>The object an instance field belongs to: a local, field or the containing type (for <c>this</c>).</summary>
    public ISymbol? Owner { get; }

    public bool Equals(StateKey? other)
        => other is not null
           && SymbolEqualityComparer.Default.Equals(State, other.State) && SymbolEqualityComparer.Default.Equals(Owner, other.Owner);

    public override bool Equals(object? obj) => obj is StateKey other && Equals(other);

    public override int GetHashCode()
        => (SymbolEqualityComparer.Default.GetHashCode(State) * 397) ^ (Owner is null ? 0 : SymbolEqualityComparer.Default.GetHashCode(Owner));
}

/// <summary>One read or write of shared state, in one concurrent context.</summary>
internal sealed class StateAccess
{
    public StateAccess(StateKey key, AccessKind kind, IReadOnlyList<HeldLock> locks, ConcurrentContext context, Location location, string memberName, ITypeSymbol? stateType, bool isConstantStore, string? storedConstant = null)
    {
        Key = key;
        Kind = kind;
        Locks = locks;
        Context = context;
        Location = location;
        MemberName = memberName;
        StateType = stateType;
        IsConstantStore = isConstantStore;
        StoredConstant = storedConstant;
    }

    public StateKey Key { get; }

    /// <summary>
    /// Whether this access and <paramref name="other"/> can happen at the same time: their code can, and they are not
    /// two copies of one piece of code touching each its own copy of a variable (<see cref="ConcurrentContext.OwnsPerCopy"/>),
    /// or a field of an object each copy holds in such a variable.
    /// </summary>
    public bool RunsConcurrentlyWith(StateAccess other)
        => Context.RunsConcurrentlyWith(other.Context)
           && !(ReferenceEquals(Context, other.Context) && (Context.OwnsPerCopy(Key.State) || Key.Owner is { } owner && Context.OwnsPerCopy(owner)))
           && !(ElementKey && !OwnElement && !other.OwnElement)
           && !(ReferenceEquals(Context, other.Context) && OwnElement && other.OwnElement)
           && !OrderedByJoin(this, other) && !OrderedByJoin(other, this);

    /// <summary>
    /// Whether <paramref name="access"/>, by code that runs one call at a time, is in the body that starts
    /// <paramref name="started"/>'s work and waits for it, but outside the stretch from the start to the wait: that
    /// thread starts the work and joins it, so the access comes before all of the work or after it (set ak C26: a
    /// one-shot timer's handler that ranks with PLINQ, then updates the dictionary the query read).
    /// </summary>
    private static bool OrderedByJoin(StateAccess access, StateAccess started)
    {
        var work = started.Context;
        if (access.Context.MultiInstance || ReferenceEquals(access.Context, work) || work.Partner is not null
            || work.StarterBody is not { } body || work.IntervalEnd == int.MaxValue
            || access.Location.SourceTree != body.SyntaxTree || !body.Span.Contains(access.Location.SourceSpan))
        {
            return false;
        }

        var at = access.Location.SourceSpan.Start;
        if (at >= work.IntervalStart && at < work.IntervalEnd)
        {
            return false;
        }

        // Code in a lambda or local function runs when it is called, not where it is written.
        for (var node = body.FindNode(access.Location.SourceSpan, getInnermostNodeForTie: true); node is not null && node != body; node = node.Parent)
        {
            if (node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>For an access in an event handler: how the handler comes to run (see <c>SharedStateWalker.Frame.Via</c>).</summary>
    public string? Via { get; set; }

    /// <summary>A collection a member returns itself, live, for its callers to read whenever they like.</summary>
    public bool HandedOut { get; set; }

    /// <summary>State of an element of the collection field <see cref="StateKey.Owner"/> (see <c>ElementKeys</c>).</summary>
    public bool ElementKey { get; set; }

    /// <summary>For an <see cref="ElementKey"/>: the element is the one the copy of repeated work owns, not any element.</summary>
    public bool OwnElement { get; set; }

    public AccessKind Kind { get; }
    public IReadOnlyList<HeldLock> Locks { get; }
    public ConcurrentContext Context { get; }
    public Location Location { get; }
    public string MemberName { get; }
    public ITypeSymbol? StateType { get; }

    /// <summary>
    /// A store that loses nothing when it races with itself: a constant (<c>found = true</c>), or the idempotent
    /// publication of an immutable value (<c>_name ??= Compute()</c>, <c>_text = BuildText()</c> of a string or record).
    /// </summary>
    public bool IsConstantStore { get; }

    /// <summary>
    /// For a store of a constant: the constant, with its type (<c>"System.Int32 2"</c>, <c>"default"</c>). Racing stores
    /// of constants lose no update, but a starter that stores one after starting work that stores another
    /// (<c>_state = Rendering</c> after starting work that ends with <c>_state = Ready</c>) can overwrite the work's.
    /// Null for any other store, an idempotent publication included.
    /// </summary>
    public string? StoredConstant { get; }

    public bool IsLockedForWrite
    {
        get
        {
            foreach (var held in Locks)
            {
                if (held.AllowsWrites)
                {
                    return true;
                }
            }

            return false;
        }
    }

    public bool IsLocked => Locks.Count > 0;

    /// <summary>Locked for writing by a lock that can guard this state (see <see cref="HeldLock.CanGuard"/>).</summary>
    public bool IsGuardedForWrite
    {
        get
        {
            foreach (var held in Locks)
            {
                if (held.AllowsWrites && held.CanGuard(Key.State))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Whether this access holds a lock that <paramref name="other"/> also holds.</summary>
    public bool SharesLockWith(StateAccess other)
    {
        foreach (var mine in Locks)
        {
            foreach (var theirs in other.Locks)
            {
                if (mine.SameAs(theirs) && (Kind == AccessKind.CollectionRead || mine.AllowsWrites))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
