using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Forklift.Analyzers.Locks;

/// <summary>Which lock a call works on; an acquisition is paired only with a release of the same family.</summary>
internal enum LockFamily
{
    Monitor,
    Lock,
    SemaphoreSlim,
    Semaphore,
    Mutex,
    ReadLock,
    WriteLock,
    UpgradeableReadLock,
    ReaderLock,
    WriterLock,
    SpinLock,
}

/// <summary>How an acquisition tells its caller that the lock is held.</summary>
internal enum AcquireShape
{
    /// <summary>The call is a release.</summary>
    Release,

    /// <summary>Returns only once the lock is held (or throws): <c>Monitor.Enter(o)</c>, <c>Wait()</c>, <c>EnterReadLock()</c>.</summary>
    Unconditional,

    /// <summary>Blocks, then sets a <c>ref bool</c>: <c>Monitor.Enter(o, ref taken)</c>, <c>SpinLock.Enter(ref taken)</c>.</summary>
    EnterWithFlag,

    /// <summary>Returns <see langword="false"/> when the lock was not taken: <c>TryEnter</c>, <c>Wait(timeout)</c>.</summary>
    TryResult,

    /// <summary>Sets a <c>ref bool</c> that stays <see langword="false"/> when the lock was not taken.</summary>
    TryWithFlag,
}

/// <summary>One invocation of a known acquire or release API, with the lock it works on.</summary>
internal sealed class LockCall
{
    public LockCall(IInvocationOperation invocation, LockFamily family, AcquireShape shape, IOperation? lockExpression, ILocalSymbol? flag)
    {
        Invocation = invocation;
        Family = family;
        Shape = shape;
        LockExpression = lockExpression;
        Key = LockKey.From(lockExpression);
        Flag = flag;
    }

    public IInvocationOperation Invocation { get; }

    public LockFamily Family { get; }

    public AcquireShape Shape { get; }

    /// <summary>The receiver, or <c>Monitor</c>'s first argument.</summary>
    public IOperation? LockExpression { get; }

    /// <summary>Identifies the lock object; <see langword="null"/> when it is not a plain local, parameter, field or property chain.</summary>
    public LockKey? Key { get; }

    /// <summary>The local passed as <c>ref bool lockTaken</c>, if any.</summary>
    public ILocalSymbol? Flag { get; }

    public bool IsAcquire => Shape != AcquireShape.Release;

    /// <summary>The lock as written, for messages.</summary>
    public string DisplayName => LockExpression?.Syntax.ToString() ?? Invocation.TargetMethod.ContainingType.Name;

    public bool SameLockAs(LockCall other) => Family == other.Family && Key is not null && Key.Equals(other.Key);
}

/// <summary>
/// The identity of a lock object as a chain of symbols (<c>this._gate</c>, <c>s_gate</c>, <c>local</c>), so that an
/// acquisition and a release are paired by symbol, not by text.
/// </summary>
internal sealed class LockKey : IEquatable<LockKey>
{
    private static readonly LockKey This = new(null, null);

    private LockKey(ISymbol? symbol, LockKey? instance)
    {
        Symbol = symbol;
        Instance = instance;
    }

    /// <summary>The local, parameter, field or property at the end of the chain; <see langword="null"/> for <c>this</c>.</summary>
    public ISymbol? Symbol { get; }

    private LockKey? Instance { get; }

    /// <summary>
    /// Whether the key names the same lock in every method of its type: a static member, or a member of <c>this</c>.
    /// Only such keys are compared across methods (a local or a member of a parameter is a different object in
    /// another method).
    /// </summary>
    public bool IsShared => Symbol is IFieldSymbol or IPropertySymbol && (Instance is null || ReferenceEquals(Instance, This));

    /// <summary>
    /// When the lock is a parameter or a member chain of one (<c>from</c>, <c>from._sync</c>), that parameter, and the
    /// same key with the parameter replaced: the shape of <c>lock (from._sync) lock (to._sync)</c>.
    /// </summary>
    public IParameterSymbol? RootParameter => Instance is null ? Symbol as IParameterSymbol : Instance.RootParameter;

    /// <summary>Whether this key and <paramref name="other"/> name the same member chain below their root parameters.</summary>
    public bool SameChainBelowRoot(LockKey other)
        => Instance is null
            ? other.Instance is null && Symbol is IParameterSymbol && other.Symbol is IParameterSymbol
            : other.Instance is not null && SymbolEqualityComparer.Default.Equals(Symbol, other.Symbol) && Instance.SameChainBelowRoot(other.Instance);

    /// <summary>Whether the lock is <c>this</c> itself (<c>lock (this)</c>).</summary>
    public bool IsThis => ReferenceEquals(this, This);

    public static LockKey? From(IOperation? operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation switch
        {
            ILocalReferenceOperation local => new LockKey(local.Local, null),
            IParameterReferenceOperation parameter => new LockKey(parameter.Parameter, null),
            IInstanceReferenceOperation => This,
            IFieldReferenceOperation field => Member(field.Field, field.Instance),
            IPropertyReferenceOperation property when property.Arguments.IsEmpty => Member(property.Property, property.Instance),
            _ => null,
        };
    }

    private static LockKey? Member(ISymbol member, IOperation? instance)
    {
        if (member.IsStatic || instance is null)
        {
            return new LockKey(member, null);
        }

        // A member of an instance we cannot name (a call result, an element) has no stable identity.
        return From(instance) is { } owner ? new LockKey(member, owner) : null;
    }

    public bool Equals(LockKey? other)
        => other is not null
           && SymbolEqualityComparer.Default.Equals(Symbol, other.Symbol)
           && (Instance is null ? other.Instance is null : Instance.Equals(other.Instance));

    public override bool Equals(object? obj) => Equals(obj as LockKey);

    public override int GetHashCode()
        => (SymbolEqualityComparer.Default.GetHashCode(Symbol) * 31) + (Instance?.GetHashCode() ?? 0);
}

/// <summary>The lock types of one compilation, resolved once, and the classification of calls on them.</summary>
internal sealed class LockApis
{
    private readonly Compilation _compilation;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<ISymbol, LockCreation> _creations = new(SymbolEqualityComparer.Default);
    private LockTypes? _types;

    private LockApis(Compilation compilation, LockTypes? types)
    {
        _compilation = compilation;
        _types = types;
    }

    /// <summary>
    /// The lock types, looked up on first use. The first <c>GetTypeByMetadataName</c> of a namespace loads that
    /// namespace from every referenced assembly (about 0.3 s for a net10.0 project); deferred until a call that can
    /// be a lock call appears, the compiler has already loaded System.Threading to bind that call.
    /// </summary>
    private LockTypes Types
    {
        get
        {
            if (Volatile.Read(ref _types) is { } types)
            {
                return types;
            }

            // Two threads may both look them up; the results are the same symbols.
            Interlocked.CompareExchange(ref _types, new LockTypes(_compilation), null);
            return _types!;
        }
    }

    /// <summary>The lock APIs this compilation can see, or <see langword="null"/> when it sees none.</summary>
    public static LockApis? Create(Compilation compilation)
    {
        var types = new LockTypes(compilation);
        return types.IsEmpty ? null : new LockApis(compilation, types);
    }

    /// <summary>
    /// The lock APIs of <paramref name="compilation"/>, looked up only when <see cref="Classify"/> first meets a call
    /// that can be a lock call. For analyzers: a compilation start action that looks them up pays, or waits for, that
    /// lookup in every build.
    /// </summary>
    private static LockApis CreateDeferred(Compilation compilation) => new(compilation, null);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Compilation, LockApis> ByCompilation = new();

    /// <summary>
    /// The deferred lock APIs of <paramref name="compilation"/>, one instance for all the lock rules, so that the types
    /// are looked up and each lock's creation is read once per compilation rather than once per rule.
    /// </summary>
    public static LockApis For(Compilation compilation) => ByCompilation.GetValue(compilation, CreateDeferred);

    /// <summary>What the creation of the lock of <paramref name="call"/> says about it, read once per variable and compilation.</summary>
    public LockCreation? CreationOf(LockCall call)
        => call.Key?.Symbol is { } symbol ? CreationOf(symbol) : null;

    /// <summary>What the creation of the lock stored in <paramref name="symbol"/> says about it, read once per variable and compilation.</summary>
    public LockCreation CreationOf(ISymbol symbol) => _creations.GetOrAdd(symbol, static s => LockCreation.Of(s, CancellationToken.None));

    /// <summary>Whether <paramref name="call"/> works on a semaphore used as a signal (created with no permits), not as a lock.</summary>
    public bool IsSignal(LockCall call)
        => call.Family is LockFamily.SemaphoreSlim or LockFamily.Semaphore && CreationOf(call)?.IsSignal == true;

    /// <summary>The acquisition or release <paramref name="invocation"/> performs, or <see langword="null"/>.</summary>
    /// <remarks>
    /// Runs for every invocation of the project: the names of the method and its type rule out nearly all of them
    /// before any symbol comparison.
    /// </remarks>
    public LockCall? Classify(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        return IsLockMethodName(method.Name) && (method.Name == "WaitOne" || IsLockTypeName(method.ContainingType?.Name))
            ? ClassifyByType(invocation)
            : null;
    }

    /// <summary>
    /// Whether the acquire <paramref name="acquire"/> takes back a hold given up in the same <c>try</c>: it is in the
    /// <c>finally</c> of a <c>try</c> whose body starts by releasing the same lock (<c>try { s.Release(); await
    /// callback(); } finally { await s.WaitAsync(); }</c>). The hold is the caller's, and the caller releases it.
    /// </summary>
    public bool IsReacquire(LockCall acquire)
    {
        IOperation child = acquire.Invocation;
        for (var current = child.Parent; current is not null and not (IAnonymousFunctionOperation or ILocalFunctionOperation); child = current, current = current.Parent)
        {
            if (current is ITryOperation { Finally: { } @finally } @try && @finally == child)
            {
                var first = @try.Body.Operations.Length > 0 && @try.Body.Operations[0] is IExpressionStatementOperation { Operation: var operation }
                    ? operation is IAwaitOperation awaited ? awaited.Operation : operation
                    : null;
                return first is IInvocationOperation release && Classify(release) is { IsAcquire: false } call && call.SameLockAs(acquire);
            }
        }

        return false;
    }

    /// <summary><see cref="Classify"/> without the name filter; tests check that the filter never hides a result of this.</summary>
    internal LockCall? ClassifyByType(IInvocationOperation invocation)
    {
        var call = ClassifyByTypeCore(invocation);

        // TryEnter(x, Timeout.Infinite), TryEnterWriteLock(-1), Wait(Timeout.InfiniteTimeSpan): an infinite timeout
        // returns true or throws, so the call acquires as surely as Enter does and its result needs no check.
        return call is { Shape: AcquireShape.TryResult or AcquireShape.TryWithFlag } && WaitsForever(invocation)
            ? new LockCall(invocation, call.Family, call.Shape == AcquireShape.TryResult ? AcquireShape.Unconditional : AcquireShape.EnterWithFlag, call.LockExpression, call.Flag)
            : call;
    }

    /// <summary>Whether the call's timeout argument is the infinite one (-1 milliseconds or <c>Timeout.InfiniteTimeSpan</c>).</summary>
    private static bool WaitsForever(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is not { Name: "millisecondsTimeout" or "timeout" })
            {
                continue;
            }

            var value = argument.Value;
            while (value is IConversionOperation conversion)
            {
                value = conversion.Operand;
            }

            return value.ConstantValue is { HasValue: true, Value: -1 }
                   || value is IFieldReferenceOperation { Field: { Name: "InfiniteTimeSpan", ContainingType.Name: "Timeout" } };
        }

        return false;
    }

    private LockCall? ClassifyByTypeCore(IInvocationOperation invocation)
    {
        var types = Types;
        var method = invocation.TargetMethod;
        var type = method.ContainingType;
        if (type is null)
        {
            return null;
        }

        if (Is(type, types.Monitor))
        {
            return ClassifyMonitor(invocation, method);
        }

        var receiver = invocation.Instance;
        if (receiver is null)
        {
            return null;
        }

        if (Is(type, types.Lock))
        {
            return method.Name switch
            {
                "Enter" => new LockCall(invocation, LockFamily.Lock, AcquireShape.Unconditional, receiver, null),
                "TryEnter" => new LockCall(invocation, LockFamily.Lock, AcquireShape.TryResult, receiver, null),
                "Exit" => new LockCall(invocation, LockFamily.Lock, AcquireShape.Release, receiver, null),
                _ => null,
            };
        }

        if (Is(type, types.SemaphoreSlim))
        {
            return method.Name switch
            {
                "Wait" => new LockCall(invocation, LockFamily.SemaphoreSlim, method.ReturnType.SpecialType == SpecialType.System_Boolean ? AcquireShape.TryResult : AcquireShape.Unconditional, receiver, null),
                "WaitAsync" => new LockCall(invocation, LockFamily.SemaphoreSlim, method.ReturnType is INamedTypeSymbol { IsGenericType: true } ? AcquireShape.TryResult : AcquireShape.Unconditional, receiver, null),
                "Release" => new LockCall(invocation, LockFamily.SemaphoreSlim, AcquireShape.Release, receiver, null),
                _ => null,
            };
        }

        if (method.Name == "WaitOne")
        {
            // WaitOne is declared on WaitHandle; only a receiver statically typed as Semaphore or Mutex is a lock.
            var family = DerivesFrom(receiver.Type, types.Semaphore) ? LockFamily.Semaphore
                : DerivesFrom(receiver.Type, types.Mutex) ? LockFamily.Mutex
                : (LockFamily?)null;

            // WaitOne() without a timeout returns true or throws, so its result needs no check.
            return family is { } f
                ? new LockCall(invocation, f, method.Parameters.IsEmpty ? AcquireShape.Unconditional : AcquireShape.TryResult, receiver, null)
                : null;
        }

        if (Is(type, types.Semaphore) && method.Name == "Release")
        {
            return new LockCall(invocation, LockFamily.Semaphore, AcquireShape.Release, receiver, null);
        }

        if (Is(type, types.Mutex) && method.Name == "ReleaseMutex")
        {
            return new LockCall(invocation, LockFamily.Mutex, AcquireShape.Release, receiver, null);
        }

        if (Is(type, types.ReaderWriterLockSlim))
        {
            return method.Name switch
            {
                "EnterReadLock" => new LockCall(invocation, LockFamily.ReadLock, AcquireShape.Unconditional, receiver, null),
                "EnterWriteLock" => new LockCall(invocation, LockFamily.WriteLock, AcquireShape.Unconditional, receiver, null),
                "EnterUpgradeableReadLock" => new LockCall(invocation, LockFamily.UpgradeableReadLock, AcquireShape.Unconditional, receiver, null),
                "TryEnterReadLock" => new LockCall(invocation, LockFamily.ReadLock, AcquireShape.TryResult, receiver, null),
                "TryEnterWriteLock" => new LockCall(invocation, LockFamily.WriteLock, AcquireShape.TryResult, receiver, null),
                "TryEnterUpgradeableReadLock" => new LockCall(invocation, LockFamily.UpgradeableReadLock, AcquireShape.TryResult, receiver, null),
                "ExitReadLock" => new LockCall(invocation, LockFamily.ReadLock, AcquireShape.Release, receiver, null),
                "ExitWriteLock" => new LockCall(invocation, LockFamily.WriteLock, AcquireShape.Release, receiver, null),
                "ExitUpgradeableReadLock" => new LockCall(invocation, LockFamily.UpgradeableReadLock, AcquireShape.Release, receiver, null),
                _ => null,
            };
        }

        if (Is(type, types.ReaderWriterLock))
        {
            // Acquire*Lock throws ApplicationException on timeout, so it is unconditional.
            return method.Name switch
            {
                "AcquireReaderLock" => new LockCall(invocation, LockFamily.ReaderLock, AcquireShape.Unconditional, receiver, null),
                "AcquireWriterLock" => new LockCall(invocation, LockFamily.WriterLock, AcquireShape.Unconditional, receiver, null),
                "ReleaseReaderLock" => new LockCall(invocation, LockFamily.ReaderLock, AcquireShape.Release, receiver, null),
                "ReleaseWriterLock" => new LockCall(invocation, LockFamily.WriterLock, AcquireShape.Release, receiver, null),
                _ => null,
            };
        }

        if (Is(type, types.SpinLock))
        {
            var flag = FlagArgument(invocation);
            return method.Name switch
            {
                "Enter" => new LockCall(invocation, LockFamily.SpinLock, AcquireShape.EnterWithFlag, receiver, flag),
                "TryEnter" => new LockCall(invocation, LockFamily.SpinLock, AcquireShape.TryWithFlag, receiver, flag),
                "Exit" => new LockCall(invocation, LockFamily.SpinLock, AcquireShape.Release, receiver, null),
                _ => null,
            };
        }

        return null;
    }

    /// <summary>
    /// Whether <paramref name="name"/> is the name of a method <see cref="ClassifyByType"/> can recognize: each of its
    /// non-null results requires one of these names, so the check changes no result (pinned by LockCallFilterTests).
    /// </summary>
    internal static bool IsLockMethodName(string name)
    {
        // The length and first letter reject most names without comparing a whole string.
        if (name.Length < 4 || name.Length > 27)
        {
            return false;
        }

        switch (name[0])
        {
            case 'E':
                return name is "Enter" or "Exit" or "EnterReadLock" or "EnterWriteLock" or "EnterUpgradeableReadLock"
                    or "ExitReadLock" or "ExitWriteLock" or "ExitUpgradeableReadLock";
            case 'T':
                return name is "TryEnter" or "TryEnterReadLock" or "TryEnterWriteLock" or "TryEnterUpgradeableReadLock";
            case 'W':
                return name is "Wait" or "WaitAsync" or "WaitOne";
            case 'R':
                return name is "Release" or "ReleaseMutex" or "ReleaseReaderLock" or "ReleaseWriterLock";
            case 'A':
                return name is "AcquireReaderLock" or "AcquireWriterLock";
            default:
                return false;
        }
    }

    /// <summary>
    /// Whether <paramref name="name"/> is the name of a lock type. Apart from <c>WaitOne</c> (declared on
    /// <c>WaitHandle</c>, judged by its receiver), <see cref="ClassifyByType"/> recognizes only methods of these types.
    /// </summary>
    internal static bool IsLockTypeName(string? name)
        => name is "Monitor" or "Lock" or "SemaphoreSlim" or "Semaphore" or "Mutex" or "ReaderWriterLockSlim" or "ReaderWriterLock" or "SpinLock";

    /// <summary>Whether <paramref name="type"/> is one of the lock types this class knows.</summary>
    public bool IsLockType(ITypeSymbol? type)
    {
        if (type is null)
        {
            return false;
        }

        var types = Types;
        return Is(type, types.Monitor) || Is(type, types.Lock) || Is(type, types.SemaphoreSlim) || DerivesFrom(type, types.Semaphore)
               || DerivesFrom(type, types.Mutex) || Is(type, types.ReaderWriterLockSlim) || Is(type, types.ReaderWriterLock) || Is(type, types.SpinLock);
    }

    private static LockCall? ClassifyMonitor(IInvocationOperation invocation, IMethodSymbol method)
    {
        var target = ArgumentFor(invocation, 0);
        if (target is null)
        {
            return null;
        }

        var flag = FlagArgument(invocation);
        var hasFlag = method.Parameters.Length > 0 && method.Parameters[method.Parameters.Length - 1].RefKind == RefKind.Ref;
        return method.Name switch
        {
            "Enter" => new LockCall(invocation, LockFamily.Monitor, hasFlag ? AcquireShape.EnterWithFlag : AcquireShape.Unconditional, target, flag),
            "TryEnter" => new LockCall(invocation, LockFamily.Monitor, hasFlag ? AcquireShape.TryWithFlag : AcquireShape.TryResult, target, flag),
            "Exit" => new LockCall(invocation, LockFamily.Monitor, AcquireShape.Release, target, null),
            _ => null,
        };
    }

    private static IOperation? ArgumentFor(IInvocationOperation invocation, int ordinal)
    {
        // Arguments come in evaluation order, which named arguments can change; match by parameter instead.
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Ordinal == ordinal)
            {
                return argument.Value;
            }
        }

        return null;
    }

    private static ILocalSymbol? FlagArgument(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.RefKind == RefKind.Ref && argument.Value is ILocalReferenceOperation local)
            {
                return local.Local;
            }
        }

        return null;
    }

    private static bool Is(ITypeSymbol type, INamedTypeSymbol? expected)
        => expected is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, expected);

    private static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol? expected)
    {
        for (var current = type; current is not null && expected is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, expected))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>The lock types as one compilation sees them; <see langword="null"/> for a type it cannot see.</summary>
internal sealed class LockTypes
{
    public LockTypes(Compilation compilation)
    {
        Monitor = compilation.GetTypeByMetadataName("System.Threading.Monitor");
        Lock = compilation.GetTypeByMetadataName("System.Threading.Lock");
        SemaphoreSlim = compilation.GetTypeByMetadataName("System.Threading.SemaphoreSlim");
        Semaphore = compilation.GetTypeByMetadataName("System.Threading.Semaphore");
        Mutex = compilation.GetTypeByMetadataName("System.Threading.Mutex");
        ReaderWriterLockSlim = compilation.GetTypeByMetadataName("System.Threading.ReaderWriterLockSlim");
        ReaderWriterLock = compilation.GetTypeByMetadataName("System.Threading.ReaderWriterLock");
        SpinLock = compilation.GetTypeByMetadataName("System.Threading.SpinLock");
    }

    public INamedTypeSymbol? Monitor { get; }
    public INamedTypeSymbol? Lock { get; }
    public INamedTypeSymbol? SemaphoreSlim { get; }
    public INamedTypeSymbol? Semaphore { get; }
    public INamedTypeSymbol? Mutex { get; }
    public INamedTypeSymbol? ReaderWriterLockSlim { get; }
    public INamedTypeSymbol? ReaderWriterLock { get; }
    public INamedTypeSymbol? SpinLock { get; }

    public bool IsEmpty
        => Monitor is null && Lock is null && SemaphoreSlim is null && Semaphore is null && Mutex is null
           && ReaderWriterLockSlim is null && ReaderWriterLock is null && SpinLock is null;
}
