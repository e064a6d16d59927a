using System.Collections.Immutable;
using Forklift.Analyzers.Locks;
using Microsoft.CodeAnalysis;

namespace Forklift.Analyzers.SharedState;

/// <summary>One access of a method to its own type's state (a field or auto-property of <c>this</c>, or a static of the type).</summary>
internal sealed class MemberAccess
{
    public MemberAccess(ISymbol state, AccessKind kind, ImmutableArray<HeldLock> locks, Location location, bool isCompound, bool losesNothing, bool deferred, bool takes = false, bool onValue = false)
    {
        Takes = takes;
        OnValue = onValue;
        State = state;
        Kind = kind;
        Locks = locks;
        Location = location;
        IsCompound = isCompound;
        LosesNothing = losesNothing;
        Deferred = deferred;
    }

    public ISymbol State { get; }
    public AccessKind Kind { get; }

    /// <summary>The locks the method itself holds here; the callers' locks are added when summaries are composed.</summary>
    public ImmutableArray<HeldLock> Locks { get; }

    public Location Location { get; }

    /// <summary>A read-modify-write: <c>x++</c>, <c>x += n</c>, <c>x = x + n</c>.</summary>
    public bool IsCompound { get; }

    /// <summary>A constant store or an idempotent publication (see <see cref="StoreFacts"/>).</summary>
    public bool LosesNothing { get; }

    /// <summary>In a lambda or local function: it runs later, maybe elsewhere, so the caller's locks do not cover it.</summary>
    public bool Deferred { get; }

    /// <summary>
    /// A plain store of <c>null</c> or <c>default</c> of a reference, or of a constant of a value, after the method copied
    /// the state: taking what the state held (a pooled item out of its slot, the count since the last call), which beside
    /// a compare-and-swap or an <c>Interlocked</c> update of the same state hands one item to two takers or loses the
    /// updates made between the copy and the store.
    /// </summary>
    public bool Takes { get; }

    /// <summary>
    /// A use of a collection held as a value in the state (<c>connections.Remove(id)</c> after
    /// <c>_byUser.TryGetValue(user, out connections)</c>), not of the state itself: the values of a collection that a
    /// lock guards are shared as the collection is.
    /// </summary>
    public bool OnValue { get; }

    /// <summary>
    /// For a store made where a compare-and-swap of another field against a value read before succeeded, that field
    /// (see <c>MethodSummaryBuilder.AfterValueSwap</c>): the next caller can swap before this store lands.
    /// </summary>
    public IFieldSymbol? AfterSwapOf { get; set; }

    /// <summary>
    /// For a read of a struct of several fields (see <c>StoreFacts.IsTearable</c>): whether it copies the whole value
    /// (<c>var sp = _setpoint;</c>), which a store beside it can leave half-written; reading one field does not.
    /// </summary>
    public bool WholeCopy { get; set; }

    /// <summary>
    /// A <c>Volatile.Write</c> or <c>Interlocked.Exchange</c> of a value computed from what the method read of the same
    /// field: an update in two atomic steps, not one.
    /// </summary>
    public bool SplitUpdate { get; set; }

    /// <summary>
    /// For a collection returned itself from inside a lock (<c>lock (_gate) { return _pending; }</c>): its callers read
    /// it after the lock is released, so the read is recorded at the <c>return</c> with none held.
    /// </summary>
    public bool Escapes { get; set; }

    /// <summary>
    /// For a collection returned itself where no lock is held (<c>public IReadOnlyList&lt;Cut&gt; Pending =&gt; _pending;</c>):
    /// reported only in a type that declares its members concurrent (see <c>TypeConcurrency.ReportState</c>).
    /// </summary>
    public bool EscapesUnlocked { get; set; }

    /// <summary>
    /// The value of a <c>bool</c> parameter of the method for which this access is not made (<c>if (locked) { _names.Add(name);
    /// return; }</c>), as <see cref="OwnCall.SkippedWhen"/> is for a call.
    /// </summary>
    public (int Ordinal, bool Value)? SkippedWhen { get; set; }

    /// <summary>
    /// For a store into, or a read of, a member of an object the type made for itself and keeps in a <c>readonly</c>
    /// field (<c>_scratch.Total = …</c>, where <see cref="State"/> is <c>_scratch</c>): that member. Callers at once
    /// share the one object, as they share the type's own fields. Its reads count only for torn reads of members
    /// stored together (see TypeConcurrency.ReportTornPairs), not for the holder's own guard.
    /// </summary>
    public ISymbol? HeldMember { get; set; }

    /// <summary>
    /// For a store into an element of the type's array at a constant index (<c>_points[0] = …</c>): the index. Elements
    /// at two constant indices are two places, which two locks may guard apart (OpenTelemetry's <c>AggregatorStore</c>
    /// fills <c>metricPoints[0]</c> under one lock and <c>metricPoints[1]</c> under another).
    /// </summary>
    public int? ElementIndex { get; set; }

    public MemberAccess WithLocks(ImmutableArray<HeldLock> locks) => new(State, Kind, locks, Location, IsCompound, LosesNothing, Deferred, Takes, OnValue) { AfterSwapOf = AfterSwapOf, WholeCopy = WholeCopy, SplitUpdate = SplitUpdate, Escapes = Escapes, EscapesUnlocked = EscapesUnlocked, SkippedWhen = SkippedWhen, HeldMember = HeldMember, ElementIndex = ElementIndex };
}

/// <summary>A call from a method to another method of the same type, with the locks held at the call.</summary>
internal sealed class OwnCall
{
    public OwnCall(IMethodSymbol callee, ImmutableArray<HeldLock> locks, bool deferred, int position = -1)
    {
        Callee = callee;
        Locks = locks;
        Deferred = deferred;
        Position = position;
    }

    /// <summary>Where the call is in its caller's text (for the set-up cut of <see cref="MethodSummaryBuilder"/>), or -1.</summary>
    public int Position { get; }

    public IMethodSymbol Callee { get; }
    public ImmutableArray<HeldLock> Locks { get; }
    public bool Deferred { get; }

    /// <summary>
    /// The caller waits on the thread for the task the call returns (<c>ReadMessage(async: false).GetAwaiter().GetResult()</c>,
    /// <c>.Result</c>, <c>.Wait()</c>): everything the callee's task stands for, its continuations included, finishes
    /// while the caller still holds its locks.
    /// </summary>
    public bool Blocks { get; set; }

    /// <summary>
    /// The value of a <c>bool</c> parameter of the caller for which this call is not made (<c>if (semaphoreHeld)
    /// Add(x);</c>), when its caller's callers pass that value as a constant (see <c>OperationTree.SkippedWhen</c>).
    /// </summary>
    public (int Ordinal, bool Value)? SkippedWhen { get; set; }

    /// <summary>The <c>bool</c> constants the call passes, by the callee's parameter ordinal.</summary>
    public ImmutableArray<(int Ordinal, bool Value)> ConstantFlags { get; set; } = ImmutableArray<(int Ordinal, bool Value)>.Empty;

    /// <summary>The caller's own <c>bool</c> parameters the call passes on unchanged (see <c>OperationTree.ForwardedFlags</c>).</summary>
    public int[]? Forwarded { get; set; }

    /// <summary>The flags the callee is passed here when its caller was passed <paramref name="callerFlags"/>.</summary>
    public ImmutableArray<(int Ordinal, bool Value)> FlagsFor(ImmutableArray<(int Ordinal, bool Value)> callerFlags)
        => OperationTree.FlagsFor(ConstantFlags, Forwarded, callerFlags);
}

/// <summary>
/// What one method does to its own type's state: the accesses with the locks it holds at each, the calls it makes to
/// its type's other methods, and whether it synchronizes (so that its type is meant to be used by several threads).
/// </summary>
/// <remarks>
/// The RacerD idea (STYLE §10): summaries are small, computed once per method, and composed at call sites by
/// <see cref="TypeConcurrency"/>, so a private helper always called under <c>_sync</c> is guarded by <c>_sync</c>.
/// Holds symbols and locations only, never operations.
/// </remarks>
internal sealed class MethodSummary
{
    public MethodSummary(IMethodSymbol method, ImmutableArray<MemberAccess> accesses, ImmutableArray<OwnCall> calls, ImmutableArray<(IMethodSymbol Method, Location Reference)> delegateTargets, string? synchronization, ImmutableArray<ISymbol> atomicState, bool locksOwnState)
    {
        LocksOwnState = locksOwnState;
        AtomicState = atomicState;
        Method = method;
        Accesses = accesses;
        Calls = calls;
        DelegateTargets = delegateTargets;
        Synchronization = synchronization;
    }

    public IMethodSymbol Method { get; }
    public ImmutableArray<MemberAccess> Accesses { get; }
    public ImmutableArray<OwnCall> Calls { get; }

    /// <summary>Methods of the type used as delegates here (a thread body, a timer or event callback): they can run at any time.</summary>
    public ImmutableArray<(IMethodSymbol Method, Location Reference)> DelegateTargets { get; }

    /// <summary>The type's fields this method accesses atomically (<c>Interlocked.*(ref f)</c>, <c>Volatile.Read(ref f)</c>).</summary>
    public ImmutableArray<ISymbol> AtomicState { get; }

    /// <summary>How the method synchronizes its type's state ("locks '_sync'", "uses Interlocked on '_count'"), or null.</summary>
    public string? Synchronization { get; }

    /// <summary>Whether the method takes one of its type's own locks (a <c>lock</c>, <c>Monitor.Enter</c>, a semaphore's <c>Wait</c>), not only <c>Interlocked</c>.</summary>
    public bool LocksOwnState { get; }

    /// <summary>
    /// For an <c>async</c> method, where its code may first run after an <c>await</c> (the first <c>await</c>, or the
    /// loop around it); <see cref="int.MaxValue"/> for the others. What runs from there on no longer holds the
    /// thread-affine locks (<c>lock</c>, <c>Monitor</c>) its caller held at the call: the caller released them when the
    /// method returned its task.
    /// </summary>
    public int ContinuationStart { get; set; } = int.MaxValue;
}
