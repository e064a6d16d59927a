using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Forklift.Analyzers.Locks;

/// <summary>How a lock is held; decides which other acquisitions of the same object conflict with it.</summary>
internal enum LockMode
{
    /// <summary>A <c>lock</c> statement or <c>Monitor.Enter</c>: reentrant, bound to the thread.</summary>
    Monitor,

    /// <summary><c>System.Threading.Lock.Enter</c>: reentrant, bound to the thread.</summary>
    Lock,

    /// <summary>A <c>SemaphoreSlim</c> or <c>Semaphore</c> permit: not reentrant, not bound to a thread.</summary>
    Semaphore,

    Mutex,
    Read,
    Write,
    Upgradeable,
    ReaderWriterLock,

    /// <summary>A <c>SpinLock</c>: never reentrant, bound to the thread when it tracks its owner.</summary>
    SpinLock,
}

/// <summary>Whether acquiring a lock again while it is held works, fails, or cannot be told from its creation.</summary>
internal enum Reentrancy
{
    Reentrant,
    Unknown,

    /// <summary>A <c>SemaphoreSlim</c> with one permit: a second wait blocks forever.</summary>
    SinglePermitSemaphore,

    /// <summary>A <c>ReaderWriterLockSlim</c> created without <c>SupportsRecursion</c>: a second enter throws.</summary>
    NoRecursionReaderWriterLock,

    /// <summary>A <c>SpinLock</c>: throws with owner tracking, spins forever without.</summary>
    SpinLock,
}

/// <summary>One acquisition of a lock in a method: a <c>lock</c> statement or a call such as <c>Monitor.Enter</c>.</summary>
internal sealed class Acquisition
{
    public Acquisition(LockKey key, LockMode mode, string name, Location location, bool blocks, bool isCall, Reentrancy reentrancy, (int Ordinal, bool Value)? skippedWhen = null, bool isAsync = false)
    {
        IsAsync = isAsync;
        SkippedWhen = skippedWhen;
        Key = key;
        Mode = mode;
        Name = name;
        Location = location;
        Blocks = blocks;
        IsCall = isCall;
        Reentrancy = reentrancy;
    }

    /// <summary>The lock object.</summary>
    public LockKey Key { get; }

    public LockMode Mode { get; }

    /// <summary>The lock as written, for messages.</summary>
    public string Name { get; }

    public Location Location { get; }

    /// <summary>
    /// Whether the acquisition waits as long as it takes: <c>lock</c>, <c>Enter</c>, <c>Wait()</c>, or a try with an
    /// infinite timeout. A timed try gives up instead of deadlocking.
    /// </summary>
    public bool Blocks { get; }

    /// <summary>Whether a call acquired it (it may be held across an <c>await</c>); a <c>lock</c> statement cannot be.</summary>
    public bool IsCall { get; }

    /// <summary>
    /// Whether it is an asynchronous wait (<c>await _gate.WaitAsync()</c>): the thread that reaches it does not block,
    /// its method returns an unfinished task to its caller instead.
    /// </summary>
    public bool IsAsync { get; }

    public Reentrancy Reentrancy { get; }

    /// <summary>
    /// The <c>bool</c> parameter (its ordinal) and value for which the method skips this acquisition:
    /// <c>if (!alreadyLocked) gate.Wait();</c> is skipped when <c>alreadyLocked</c> is <see langword="true"/>. A call
    /// that passes that value as a constant does not take the lock.
    /// </summary>
    public (int Ordinal, bool Value)? SkippedWhen { get; }

    /// <summary>
    /// Whether holding this lock while another thread waits for a lock it holds can deadlock, the way lock-order
    /// inversion needs: monitors, <c>Lock</c>, write locks and semaphores used as locks (one permit).
    /// </summary>
    public bool TakesPartInLockOrder => Key.IsShared && Blocks && (Mode is LockMode.Monitor or LockMode.Lock or LockMode.Write
                                                                    || Reentrancy == Reentrancy.SinglePermitSemaphore);

    /// <summary>Whether the lock must be released by the thread that took it (so it must not be held across <c>await</c>).</summary>
    public bool IsThreadAffine => Mode is not LockMode.Semaphore;

    /// <summary>
    /// Whether acquiring <paramref name="again"/> while this acquisition holds the same object fails: it blocks forever
    /// or throws <c>LockRecursionException</c>.
    /// </summary>
    public bool ConflictsWithReentry(Acquisition again)
    {
        switch (Reentrancy)
        {
            case Reentrancy.SinglePermitSemaphore:
                return again.Mode == LockMode.Semaphore && again.Blocks;
            case Reentrancy.SpinLock:
                return again.Mode == LockMode.SpinLock;
            case Reentrancy.NoRecursionReaderWriterLock:
                // An upgradeable read lock may take the write lock (the upgrade) or a read lock (the downgrade).
                return again.Mode is LockMode.Read or LockMode.Write or LockMode.Upgradeable
                       && !(Mode == LockMode.Upgradeable && again.Mode is LockMode.Read or LockMode.Write);
            default:
                return false;
        }
    }
}

/// <summary>What one method (or local function) does with locks: the summary composed at its call sites.</summary>
/// <remarks>
/// The shape of Infer's starvation domain, cut down: each acquisition with the locks held when it happens (so
/// <c>held → acquired</c> is an ordered pair), each call into a source method with the locks held at the call, and each
/// <c>await</c> reached while a lock is held. It holds symbols and locations only, no operations, so it can be kept
/// until the end of the compilation and composed with the summaries of other files.
/// </remarks>
internal sealed class LockSummary
{
    public LockSummary(IMethodSymbol method, ImmutableArray<HeldAcquisition> acquisitions, ImmutableArray<CallSite> calls, ImmutableArray<HeldAwait> awaits)
    {
        Method = method;
        Acquisitions = acquisitions;
        Calls = calls;
        Awaits = awaits;
    }

    public IMethodSymbol Method { get; }

    /// <summary>Every acquisition, in source order, with the locks held at that point.</summary>
    public ImmutableArray<HeldAcquisition> Acquisitions { get; }

    /// <summary>Every call into a method declared in source, with the locks held at the call.</summary>
    public ImmutableArray<CallSite> Calls { get; }

    /// <summary>Every <c>await</c> reached while a lock acquired by a call is held.</summary>
    public ImmutableArray<HeldAwait> Awaits { get; }
}

/// <summary>An acquisition with the locks held when it happens (classes, not tuples: see <see cref="CompositeKey"/>).</summary>
internal sealed class HeldAcquisition
{
    public HeldAcquisition(Acquisition taken, ImmutableArray<Acquisition> held)
    {
        Taken = taken;
        Held = held;
    }

    public Acquisition Taken { get; }

    public ImmutableArray<Acquisition> Held { get; }

    public void Deconstruct(out Acquisition taken, out ImmutableArray<Acquisition> held)
    {
        taken = Taken;
        held = Held;
    }
}

/// <summary>An <c>await</c> with the locks held across it.</summary>
internal sealed class HeldAwait
{
    public HeldAwait(Location await, ImmutableArray<Acquisition> held)
    {
        Await = await;
        Held = held;
    }

    public Location Await { get; }

    public ImmutableArray<Acquisition> Held { get; }

    public void Deconstruct(out Location await, out ImmutableArray<Acquisition> held)
    {
        await = Await;
        held = Held;
    }
}

/// <summary>A call from a summarized method into a method declared in source.</summary>
internal sealed class CallSite
{
    public CallSite(IMethodSymbol callee, Location location, bool onThis, ImmutableArray<Acquisition> held, ImmutableArray<(int Ordinal, bool Value)> constantFlags, bool joined = true, int[]? forwarded = null)
    {
        Joined = joined;
        Forwarded = forwarded;
        ConstantFlags = constantFlags;
        Callee = callee;
        Location = location;
        OnThis = onThis;
        Held = held;
    }

    public IMethodSymbol Callee { get; }

    public Location Location { get; }

    /// <summary>
    /// Whether the callee runs on the caller's <c>this</c> (an implicit or <c>this.</c> receiver, or a static or local
    /// function): only then is the callee's <c>this._gate</c> the caller's <c>this._gate</c>.
    /// </summary>
    public bool OnThis { get; }

    public ImmutableArray<Acquisition> Held { get; }

    /// <summary>
    /// Whether the caller waits for the callee to finish here: a synchronous call, or a call whose task it awaits or
    /// waits on. A task kept or discarded (<c>_ = RunToEndAsync(ct)</c>) lets the caller go on and release what it holds.
    /// </summary>
    public bool Joined { get; }

    /// <summary>The <c>bool</c> arguments passed as constants (<c>Compact(alreadyLocked: true)</c>), by parameter ordinal.</summary>
    public ImmutableArray<(int Ordinal, bool Value)> ConstantFlags { get; }

    /// <summary>
    /// The caller's own <c>bool</c> parameters passed on unchanged: at the callee's ordinal, the caller's ordinal plus
    /// one (0 where the argument is anything else); null when there is none. A walk that knows the caller's flag knows
    /// the callee's (<see cref="FlagsFor"/>).
    /// </summary>
    public int[]? Forwarded { get; }

    /// <summary>The constant flags this call passes, with those it forwards from <paramref name="callerFlags"/>.</summary>
    public ImmutableArray<(int Ordinal, bool Value)> FlagsFor(ImmutableArray<(int Ordinal, bool Value)> callerFlags)
        => OperationTree.FlagsFor(ConstantFlags, Forwarded, callerFlags);

    /// <summary>Whether this call passes the constant that makes the callee skip <paramref name="taken"/>.</summary>
    public static bool Skips(ImmutableArray<(int Ordinal, bool Value)> constantFlags, Acquisition taken)
        => taken.SkippedWhen is { } skip && constantFlags.Contains(skip);

    /// <summary>A method as messages name it: a property's accessor by the property (<c>Count</c>, <c>this[]</c>).</summary>
    public static string DisplayName(IMethodSymbol method)
        => method.MethodKind is MethodKind.PropertyGet or MethodKind.PropertySet && method.AssociatedSymbol is IPropertySymbol property
            ? property.Name
            : method.Name;
}
