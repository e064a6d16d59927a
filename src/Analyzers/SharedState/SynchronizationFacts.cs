using Forklift.Analyzers.Locks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// Finds the locks held at an operation: enclosing <c>lock</c> statements, and regions between an acquire
/// (<c>Monitor.Enter</c>, <c>SemaphoreSlim.Wait</c>, <c>Mutex.WaitOne</c>, <c>EnterWriteLock</c>, <c>Lock.Enter</c>…)
/// and its release in the same body.
/// </summary>
internal sealed class SynchronizationFacts
{
    private readonly ConcurrencyTypes _types;
    private readonly Dictionary<IOperation, List<RegionCall>> _regionsByBody = new();

    private readonly GateFacts _gates;

    /// <summary>Per semaphore variable: whether its creation lets several holders in (see <see cref="LockCreation.AdmitsSeveral"/>).</summary>
    private readonly Dictionary<ISymbol, bool> _throttles = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<IMethodSymbol, bool?> _monitorWrappers = new(SymbolEqualityComparer.Default);

    public SynchronizationFacts(ConcurrencyTypes types)
    {
        _types = types;
        _gates = new GateFacts(types);
    }

    /// <summary>Gates refused by an early exit earlier in <paramref name="block"/>: every later statement runs inside them.</summary>
    private void AddGatesPassedBefore(IBlockOperation block, IOperation statement, List<HeldLock> held)
    {
        foreach (var earlier in block.Operations)
        {
            if (earlier == statement)
            {
                return;
            }

            if (earlier is IConditionalOperation { WhenFalse: null } test && GateFacts.Exits(test.WhenTrue)
                && _gates.Test(test.Condition) is { AcquiredWhenTrue: false } gate)
            {
                held.Add(new HeldLock(gate.Flag, allowsWrites: true));
            }
        }
    }

    /// <summary>
    /// The locks held at <paramref name="operation"/>, inside its own method or lambda body, taken by code of
    /// <paramref name="acquiredIn"/>.
    /// </summary>
    public List<HeldLock> LocksAt(IOperation operation, INamedTypeSymbol? acquiredIn)
    {
        var held = LocksAt(operation);
        for (var i = 0; i < held.Count; i++)
        {
            held[i] = held[i].In(acquiredIn);
        }

        return held;
    }

    /// <summary>The locks held at <paramref name="operation"/>, inside its own method or lambda body.</summary>
    public List<HeldLock> LocksAt(IOperation operation)
    {
        var held = new List<HeldLock>();
        var previous = operation;
        var current = operation.Parent;
        while (current is not null)
        {
            if (current is ILockOperation lockOperation && previous == lockOperation.Body)
            {
                held.Add(new HeldLock(LockSymbol(lockOperation.LockedValue) ?? KeyedLockHelper(lockOperation.LockedValue), allowsWrites: true));
            }

            // Mutual-exclusion gates: 'if (Interlocked.CompareExchange(ref busy, 1, 0) == 0) { … }' and
            // 'if (Interlocked.Exchange(ref running, 1) == 1) return; …' let one caller at a time past the test.
            if (current is IConditionalOperation conditional && previous != conditional.Condition
                && _gates.Test(conditional.Condition) is { } gate
                && (previous == conditional.WhenTrue ? gate.AcquiredWhenTrue : previous == conditional.WhenFalse && !gate.AcquiredWhenTrue))
            {
                held.Add(new HeldLock(gate.Flag, allowsWrites: true));
            }

            // 'while (Interlocked.CompareExchange(ref applying, 1, 0) == 0) { try { … } finally { applying = 0; } … }': each
            // pass of the body runs behind the gate its condition passed (set aq C31).
            if (current is IWhileLoopOperation { ConditionIsTop: true, ConditionIsUntil: false, Condition: { } loopCondition } loop && previous == loop.Body
                && _gates.Test(loopCondition) is { AcquiredWhenTrue: true } loopGate)
            {
                held.Add(new HeldLock(loopGate.Flag, allowsWrites: true));
            }

            if (current is IBlockOperation block)
            {
                AddGatesPassedBefore(block, previous, held);
            }

            if (current is ILocalFunctionOperation || current is IAnonymousFunctionOperation lambda && !RunsInPlace(lambda))
            {
                break;
            }

            previous = current;
            current = current.Parent;
        }

        // 'previous' is now the outermost operation of the body that holds 'operation'.
        var position = operation.Syntax.SpanStart;
        var calls = RegionCalls(previous);
        for (var i = 0; i < calls.Count; i++)
        {
            var acquire = calls[i];
            if (!acquire.IsAcquire || acquire.Position >= position)
            {
                continue;
            }

            var released = false;
            for (var j = 0; j < calls.Count; j++)
            {
                var release = calls[j];
                if (!release.IsAcquire && release.Position > acquire.Position && release.Position < position && release.Lock.SameAs(acquire.Lock)
                    && release.Mode == acquire.Mode)
                {
                    released = true;
                    break;
                }
            }

            if (!released)
            {
                held.Add(acquire.Lock);
            }
        }

        return held;
    }

    /// <summary>LINQ operators and collection methods that run their delegate before they return.</summary>
    private static readonly HashSet<string> InPlaceCalls = new(StringComparer.Ordinal)
    {
        "First", "FirstOrDefault", "Single", "SingleOrDefault", "Last", "LastOrDefault", "Any", "All", "Count", "LongCount", "Sum", "Min",
        "Max", "MinBy", "MaxBy", "Average", "Aggregate", "ToList", "ToArray", "ToDictionary", "ToHashSet", "ToLookup", "Contains",
        "Find", "FindIndex", "FindLast", "FindLastIndex", "FindAll", "Exists", "TrueForAll", "RemoveAll", "ConvertAll",
    };

    /// <summary>LINQ operators that run their delegate only as their result is enumerated.</summary>
    private static readonly HashSet<string> LazyCalls = new(StringComparer.Ordinal)
    {
        "Where", "Select", "SelectMany", "OrderBy", "OrderByDescending", "ThenBy", "ThenByDescending", "GroupBy", "TakeWhile", "SkipWhile", "Distinct",
        "DistinctBy", "Take", "Skip",
    };

    /// <summary>
    /// Whether <paramref name="lambda"/> runs where it is written, before the call it is given to returns, so the
    /// locks held around that call cover it: an argument of an immediate LINQ operator or collection method of the
    /// BCL (<c>_pilots.FirstOrDefault(p =&gt; !_bookings.ContainsKey(…))</c> inside the semaphore's region, set ay C22),
    /// or of a lazy one whose result the same expression enumerates with one (<c>.Where(…).ToList()</c>).
    /// </summary>
    private static bool RunsInPlace(IAnonymousFunctionOperation lambda)
    {
        IOperation current = lambda;
        while (current.Parent is IDelegateCreationOperation or IConversionOperation)
        {
            current = current.Parent;
        }

        if (current.Parent is not IArgumentOperation { Parent: IInvocationOperation call } || !IsBclCollectionCall(call.TargetMethod))
        {
            return false;
        }

        // Through lazy operators, to the call that enumerates them: 'x.Where(…).OrderBy(…).ToList()'.
        while (LazyCalls.Contains(call.TargetMethod.Name))
        {
            IOperation result = call;
            while (result.Parent is IConversionOperation or IArgumentOperation)
            {
                result = result.Parent;
            }

            if (result.Parent is not IInvocationOperation next || !IsBclCollectionCall(next.TargetMethod)
                || !(next.Instance == result || next.TargetMethod.IsExtensionMethod && next.Arguments.Length > 0 && next.Arguments[0] == result))
            {
                return false;
            }

            call = next;
        }

        return InPlaceCalls.Contains(call.TargetMethod.Name);
    }

    private static bool IsBclCollectionCall(IMethodSymbol method)
        => method.ContainingType is { } type
           && (type.Name is "Enumerable" && type.ContainingNamespace?.ToDisplayString() == "System.Linq"
               || type.ContainingNamespace?.ToDisplayString() is "System.Collections.Generic" || type.SpecialType == SpecialType.System_Array);

    private List<RegionCall> RegionCalls(IOperation body)
    {
        if (_regionsByBody.TryGetValue(body, out var cached))
        {
            return cached;
        }

        var calls = new List<RegionCall>();
        var stack = new Stack<IOperation>();
        stack.Push(body);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (current != body && current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                continue; // a nested function's acquires do not cover this body
            }

            if (current is IInvocationOperation invocation && Classify(invocation) is { } call)
            {
                calls.Add(call);
            }
            else if (current is IInvocationOperation scoped && ScopedAcquire(scoped) is { } region)
            {
                calls.Add(new RegionCall(scoped.Syntax.SpanStart, region.Lock, isAcquire: true));
                calls.Add(new RegionCall(region.ReleasedAt, region.Lock, isAcquire: false));
            }
            else if (current is IInvocationOperation helperCall && UsingEnd(helperCall.Syntax) is { } scopeEnd
                     && HelperScopeLocks.Held(helperCall, CancellationToken.None) is { } helperLock)
            {
                // A scope a helper object hands out, holding the lock it was built with (see HelperScopeLocks).
                var heldLock = new HeldLock(helperLock, allowsWrites: true);
                calls.Add(new RegionCall(helperCall.Syntax.SpanStart, heldLock, isAcquire: true));
                calls.Add(new RegionCall(scopeEnd, heldLock, isAcquire: false));
            }

            foreach (var child in current.ChildOperations)
            {
                stack.Push(child);
            }
        }

        _regionsByBody[body] = calls;
        return calls;
    }

    private RegionCall? Classify(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        var type = method.ContainingType;
        var position = invocation.Syntax.SpanStart;
        if (ConcurrencyTypes.Is(type, _types.Monitor))
        {
            var lockObject = invocation.Arguments.Length > 0 ? LockSymbol(invocation.Arguments[0].Value) : null;
            return method.Name switch
            {
                "Enter" or "TryEnter" => new RegionCall(position, new HeldLock(lockObject, true), true),
                "Exit" => new RegionCall(position, new HeldLock(lockObject, true), false),
                _ => null,
            };
        }

        if (method.IsStatic && invocation.Arguments.Length > 0 && MonitorWrapper(method) is { } wrapped)
        {
            // 'UninterruptableMonitor.Enter(_tasks)': a static method of the compilation that takes the monitor of what
            // it is given (Lucene.Net's retry around 'Monitor.Enter' for interrupted threads).
            return new RegionCall(position, new HeldLock(LockSymbol(invocation.Arguments[0].Value), true), wrapped);
        }

        if (LockHelper(method) is { } helper)
        {
            // 'AcquireLocks(0, 1, ref acquired)' … 'finally { ReleaseLocks(0, acquired); }': a method of the type that
            // returns holding the monitors it took, and one that leaves them (a striped lock array's helpers).
            return new RegionCall(position, new HeldLock(helper.Lock, true), helper.Acquires);
        }

        var receiver = LockSymbol(invocation.Instance);
        var receiverType = invocation.Instance?.Type;
        if (ConcurrencyTypes.Is(type, _types.SemaphoreSlim) || ConcurrencyTypes.Is(type, _types.Semaphore))
        {
            if (receiver is not null && IsThrottle(receiver))
            {
                return null; // 'new SemaphoreSlim(8)': eight holders at once exclude nothing from each other
            }

            return method.Name switch
            {
                "Wait" or "WaitAsync" or "WaitOne" => new RegionCall(position, new HeldLock(receiver, true), true),
                "Release" => new RegionCall(position, new HeldLock(receiver, true), false),
                _ => null,
            };
        }

        if (ConcurrencyTypes.Is(type, _types.WaitHandle) && (ConcurrencyTypes.Is(receiverType, _types.Mutex) || ConcurrencyTypes.Is(receiverType, _types.Semaphore)))
        {
            return method.Name == "WaitOne" ? new RegionCall(position, new HeldLock(receiver, true), true) : null;
        }

        if (ConcurrencyTypes.Is(type, _types.Mutex))
        {
            return method.Name switch
            {
                "WaitOne" => new RegionCall(position, new HeldLock(receiver, true), true),
                "ReleaseMutex" => new RegionCall(position, new HeldLock(receiver, true), false),
                _ => null,
            };
        }

        if (ConcurrencyTypes.Is(type, _types.ReaderWriterLockSlim))
        {
            return method.Name switch
            {
                "EnterWriteLock" or "TryEnterWriteLock" => new RegionCall(position, new HeldLock(receiver, true), true, "Write"),
                "EnterReadLock" or "TryEnterReadLock" => new RegionCall(position, new HeldLock(receiver, false), true, "Read"),
                "EnterUpgradeableReadLock" or "TryEnterUpgradeableReadLock" => new RegionCall(position, new HeldLock(receiver, false), true, "UpgradeableRead"),
                "ExitWriteLock" => new RegionCall(position, new HeldLock(receiver, true), false, "Write"),
                "ExitReadLock" => new RegionCall(position, new HeldLock(receiver, true), false, "Read"),
                "ExitUpgradeableReadLock" => new RegionCall(position, new HeldLock(receiver, true), false, "UpgradeableRead"),
                _ => null,
            };
        }

        if (ConcurrencyTypes.Is(type, _types.Lock) || ConcurrencyTypes.Is(type, _types.SpinLock))
        {
            return method.Name switch
            {
                // EnterScope is released when its scope is disposed, at the end of the enclosing block or using.
                "Enter" or "TryEnter" or "EnterScope" => new RegionCall(position, new HeldLock(receiver, true), true),
                "Exit" => new RegionCall(position, new HeldLock(receiver, true), false),
                _ => null,
            };
        }

        return null;
    }

    /// <summary>
    /// For a static method declared in the compilation named <c>Enter</c> or <c>Exit</c> whose body calls
    /// <c>Monitor.Enter</c> or <c>Monitor.Exit</c> on its first parameter (and never the other one): true for an
    /// acquire, false for a release; null for any other method. Read from the method's syntax once per method.
    /// </summary>
    private bool? MonitorWrapper(IMethodSymbol method)
    {
        if (method.Name is not ("Enter" or "Exit") || method.Parameters.Length == 0 || method.DeclaringSyntaxReferences.Length != 1)
        {
            return null;
        }

        if (_monitorWrappers.TryGetValue(method, out var known))
        {
            return known;
        }

        bool? wrapped = null;
        var parameter = method.Parameters[0].Name;
        foreach (var node in method.DeclaringSyntaxReferences[0].GetSyntax().DescendantNodes())
        {
            if (node is InvocationExpressionSyntax
                {
                    Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "Monitor" }, Name.Identifier.ValueText: var called },
                    ArgumentList.Arguments: { Count: > 0 } arguments,
                }
                && arguments[0].Expression is IdentifierNameSyntax { Identifier.ValueText: var passed } && passed == parameter)
            {
                var acquires = called == "Enter";
                if (called is not ("Enter" or "Exit") || acquires != (method.Name == "Enter"))
                {
                    wrapped = null;
                    break;
                }

                wrapped = acquires;
            }
        }

        _monitorWrappers[method] = wrapped;
        return wrapped;
    }

    /// <summary>
    /// For a method of the compilation named like a lock helper (<c>AcquireLocks</c>, <c>ReleaseLocks</c>,
    /// <c>EnterLock</c>…) whose body takes monitors and never leaves one (<c>Monitor.Enter</c>, or a static
    /// <c>…Monitor.Enter</c> wrapper, or another such helper of its type), or leaves them and never takes one: whether it
    /// acquires, and the field of its type the monitors are reached from (<c>_tables</c> for
    /// <c>var locks = _tables.Locks; … Monitor.Enter(locks[i], ref taken)</c>), when one is. Null for any other method.
    /// Read from the method's syntax once per method.
    /// </summary>
    /// <remarks>
    /// Lucene.Net's <c>ConcurrentHashSet</c>, a port of the BCL's striped dictionary, writes its budget only between
    /// <c>AcquireLocks(0, 1, …)</c> or <c>AcquireAllLocks</c> and <c>ReleaseLocks</c> in the <c>finally</c>.
    /// </remarks>
    private (bool Acquires, ISymbol? Lock)? LockHelper(IMethodSymbol method)
    {
        if (method.MethodKind != MethodKind.Ordinary || method.DeclaringSyntaxReferences.Length != 1 || !HelperNames.Any(method.Name.Contains))
        {
            return null;
        }

        if (_lockHelpers.TryGetValue(method, out var known))
        {
            return known;
        }

        _lockHelpers[method] = null; // a helper that calls itself decides nothing by that call
        var declaration = method.DeclaringSyntaxReferences[0].GetSyntax();
        bool? acquires = null;
        ISymbol? lockField = null;
        foreach (var call in declaration.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            bool? taken = null;
            ISymbol? reached = null;
            if (call.Expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: var receiver }, Name.Identifier.ValueText: var called }
                && receiver.EndsWith("Monitor", StringComparison.Ordinal) && called is "Enter" or "TryEnter" or "Exit"
                && call.ArgumentList.Arguments.Count > 0)
            {
                taken = called != "Exit";
                reached = FieldReached(method.ContainingType, declaration, call.ArgumentList.Arguments[0].Expression);
            }
            else if (call.Expression is IdentifierNameSyntax { Identifier.ValueText: var name } && name != method.Name)
            {
                foreach (var other in method.ContainingType.GetMembers(name))
                {
                    if (other is IMethodSymbol sibling && LockHelper(sibling) is { } nested)
                    {
                        (taken, reached) = nested;
                        break;
                    }
                }
            }

            if (taken is null)
            {
                continue;
            }

            if (acquires is { } direction && direction != taken)
            {
                acquires = null; // takes and leaves: a region of its own, not a helper
                break;
            }

            acquires = taken;
            lockField ??= reached;
        }

        var helper = acquires is { } acquired ? (acquired, lockField) : ((bool, ISymbol?)?)null;
        _lockHelpers[method] = helper;
        return helper;
    }

    /// <summary>Words in the names of lock helpers (see <see cref="LockHelper"/>).</summary>
    private static readonly string[] HelperNames = ["Lock", "Acquire", "Release", "Enter", "Exit"];

    private readonly Dictionary<IMethodSymbol, (bool Acquires, ISymbol? Lock)?> _lockHelpers = new(SymbolEqualityComparer.Default);

    /// <summary>
    /// The field of <paramref name="type"/> a monitor argument is reached from: the first name of <c>_tables.Locks[i]</c>,
    /// or of the initializer of a local it reads (<c>var locks = _tables.Locks;</c> … <c>locks[i]</c>).
    /// </summary>
    private static ISymbol? FieldReached(INamedTypeSymbol type, SyntaxNode declaration, ExpressionSyntax argument)
    {
        for (var depth = 0; depth < 4; depth++)
        {
            while (argument is ElementAccessExpressionSyntax or MemberAccessExpressionSyntax or ParenthesizedExpressionSyntax)
            {
                argument = argument switch
                {
                    ElementAccessExpressionSyntax element => element.Expression,
                    MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } member => member.Name,
                    MemberAccessExpressionSyntax member => member.Expression,
                    ParenthesizedExpressionSyntax parenthesized => parenthesized.Expression,
                    _ => argument,
                };
            }

            if (argument is not IdentifierNameSyntax { Identifier.ValueText: var name })
            {
                return null;
            }

            if (type.GetMembers(name).FirstOrDefault(member => member is IFieldSymbol or IPropertySymbol) is { } field)
            {
                return field;
            }

            var local = declaration.DescendantNodes().OfType<VariableDeclaratorSyntax>().FirstOrDefault(variable => variable.Identifier.ValueText == name);
            if (local?.Initializer?.Value is not { } initializer)
            {
                return null;
            }

            argument = initializer;
        }

        return null;
    }

    /// <summary>The acquire names of async locks that hand back a releaser to dispose (EasyNetQ's and Nito.AsyncEx's <c>AsyncLock</c>).</summary>
    private static readonly HashSet<string> ScopedAcquireNames = new(StringComparer.Ordinal)
    {
        "Acquire", "AcquireAsync", "Lock", "LockAsync", "Enter", "EnterAsync", "WriterLock", "WriterLockAsync",
    };

    /// <summary>
    /// <c>using (await _mutex.AcquireAsync(ct)) { … }</c> or <c>using var _ = await _mutex.LockAsync();</c> on a lock of
    /// a type named like one (<c>AsyncLock</c>, <c>AsyncMutex</c>) whose acquire takes at most a token or a timeout (a
    /// keyed lock's <c>LockAsync(key)</c> excludes only that key): held from the call to the end of the <c>using</c>
    /// statement, or of the block a <c>using</c> declaration is in. Null for anything else.
    /// </summary>
    public static (HeldLock Lock, int ReleasedAt)? ScopedAcquire(IInvocationOperation invocation)
    {
        if (!ScopedAcquireNames.Contains(invocation.TargetMethod.Name)
            || invocation.Instance?.Type is not { Name: var typeName } || !(typeName.Contains("Lock") || typeName.Contains("Mutex"))
            || LockSymbol(invocation.Instance) is not { } receiver
            || invocation.Arguments.Any(argument => argument.ArgumentKind == ArgumentKind.Explicit
                                                     && argument.Parameter?.Type is not { Name: "CancellationToken" or "TimeSpan" } and not { SpecialType: SpecialType.System_Int32 }))
        {
            return null;
        }

        return UsingEnd(invocation.Syntax) is { } end ? (new HeldLock(receiver, allowsWrites: true), end) : null;
    }

    /// <summary>
    /// Where the <c>using</c> whose resource is <paramref name="call"/> ends (the call itself, or awaited, possibly
    /// through <c>ConfigureAwait(…)</c>): the end of the <c>using</c> statement, or of the block a <c>using</c>
    /// declaration is in; null when the call is no <c>using</c>'s resource.
    /// </summary>
    private static int? UsingEnd(SyntaxNode call)
    {
        var node = call;
        while (node.Parent is AwaitExpressionSyntax or ParenthesizedExpressionSyntax
               || (node.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } access && access.Expression == node
                   && access.Parent is InvocationExpressionSyntax))
        {
            node = node.Parent is MemberAccessExpressionSyntax ? node.Parent.Parent! : node.Parent;
        }

        return node.Parent switch
        {
            UsingStatementSyntax statement when statement.Expression == node => statement.Span.End,
            EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Parent: UsingStatementSyntax owner } } }
                => owner.Span.End,
            EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Parent: LocalDeclarationStatementSyntax { UsingKeyword.RawKind: not 0, Parent: { } block } } } }
                => block.Span.End,
            _ => (int?)null,
        };
    }

    /// <summary>The symbol naming a lock object (the type for <c>this</c>), or null when it is not a plain field, local, parameter or <c>this</c>.</summary>
    public static ISymbol? LockSymbol(IOperation? value)
    {
        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }

        return value switch
        {
            IFieldReferenceOperation field => field.Field,
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            IPropertyReferenceOperation property => property.Property,
            IInstanceReferenceOperation instance => instance.Type,
            _ => null,
        };
    }

    /// <summary>
    /// The helper a lock object comes from when it returns one looked up by a key (<c>lock (LockFor(species))</c> with
    /// <c>private object LockFor(string species) =&gt; _locks.GetOrAdd(species, _ =&gt; new object());</c>): every call
    /// with the same key holds the same lock, and calls with other keys hold others (set av R01: a vault-wide total
    /// kept under each species' lock). Null for any other call: an unknown lock object matches any lock.
    /// </summary>
    public static IMethodSymbol? KeyedLockHelper(IOperation? value)
    {
        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }

        return value is IInvocationOperation { TargetMethod: { } helper, Arguments.Length: > 0 } && IsKeyedLockHelper(helper) ? helper : null;
    }

    /// <summary>Whether <paramref name="helper"/>, a method with parameters, returns a lock looked up by a key (<see cref="IsKeyedLookup"/>).</summary>
    public static bool IsKeyedLockHelper(IMethodSymbol helper)
    {
        if (helper.Parameters.IsEmpty)
        {
            return false;
        }

        foreach (var reference in helper.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is MethodDeclarationSyntax { ExpressionBody.Expression: var returned } && IsKeyedLookup(returned))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A lookup by key: <c>_gates.GetOrAdd(id, …)</c> or <c>_gates[id]</c>.</summary>
    public static bool IsKeyedLookup(ExpressionSyntax value) => value switch
    {
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetOrAdd" }, ArgumentList.Arguments.Count: > 0 } => true,
        ElementAccessExpressionSyntax => true,
        _ => false,
    };

    private bool IsThrottle(ISymbol semaphore)
    {
        if (!_throttles.TryGetValue(semaphore, out var throttle))
        {
            _throttles[semaphore] = throttle = LockCreation.Of(semaphore, CancellationToken.None).AdmitsSeveral;
        }

        return throttle;
    }

    private sealed class RegionCall
    {
        public RegionCall(int position, HeldLock heldLock, bool isAcquire, string? mode = null)
        {
            Position = position;
            Lock = heldLock;
            IsAcquire = isAcquire;
            Mode = mode;
        }

        public int Position { get; }
        public HeldLock Lock { get; }
        public bool IsAcquire { get; }

        /// <summary>
        /// For a <c>ReaderWriterLockSlim</c>, which of its locks: an <c>ExitWriteLock</c> inside an upgradeable read lock
        /// ends the write lock only, and what follows still holds the upgradeable one (set ay C16). Null for the others.
        /// </summary>
        public string? Mode { get; }
    }
}
