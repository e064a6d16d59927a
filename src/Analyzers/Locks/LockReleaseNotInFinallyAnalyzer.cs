using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Forklift.Analyzers.Locks;

/// <summary>FL2001: a lock is acquired but its release is not guaranteed by a <c>finally</c>.</summary>
/// <remarks>
/// An exception, <c>return</c> or <c>break</c> between an acquire and a release that is not in a <c>finally</c> leaves
/// the lock held forever, and every later waiter deadlocks. The rule pairs acquisitions with releases of the same lock
/// object (by symbol) in the same method, lambda or local function. A method that acquires and never releases hands
/// the lock to someone else on purpose (for example it returns a disposable releaser) and is not reported.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LockReleaseNotInFinallyAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property naming what is wrong; the code fix offers only what fits the reason.</summary>
    internal const string ReasonKey = "Reason";

    /// <summary>Diagnostic property with the span of the release the finding is about.</summary>
    internal const string ReleaseSpanKey = "ReleaseSpan";

    internal const string NoFinally = nameof(NoFinally);
    internal const string NormalPathOnly = nameof(NormalPathOnly);
    internal const string StatementBeforeTry = nameof(StatementBeforeTry);
    internal const string EarlyExit = nameof(EarlyExit);

    internal static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.LockReleaseNotInFinally,
        title: "Release locks in a finally block",
        messageFormat: "'{0}' is acquired but {1}",
        DiagnosticCategories.Locking,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Put the release of a lock in the finally block of a try statement that starts right after the acquire, or use a lock statement or using (x.EnterScope()), so that an exception or early exit cannot leave the lock held.",
        helpLinkUri: HelpLinks.For(DiagnosticIds.LockReleaseNotInFinally));

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (ReferenceOnlyCompile.SkipsBodies(start.Options))
            {
                return; // no code is emitted, so no body can race (see ReferenceOnlyCompile)
            }

            // The lock types are looked up on the first call that can be a lock call, not here (see LockApis.Types).
            var apis = LockApis.For(start.Compilation);
            LockCallSet.Register(start, apis, acquire => acquire.IsAcquire && acquire.Key is not null && !apis.IsSignal(acquire), AnalyzeAcquire);
        });
    }

    private static void AnalyzeAcquire(LockCall acquire, LockCallSet set, Action<Diagnostic> report)
    {
        if (Check(acquire, set) is { } finding)
        {
            // The release's span (not an additional location, which would show in the IDE) guides the code fix.
            var properties = ImmutableDictionary<string, string?>.Empty
                .Add(ReasonKey, finding.Reason)
                .Add(ReleaseSpanKey, finding.Release is null ? null : SpanText.Format(finding.Release.Invocation.Syntax.Span));
            report(Diagnostic.Create(
                Rule, acquire.Invocation.Syntax.GetLocation(), properties, acquire.DisplayName, finding.Message));
        }
    }

    private static Finding? Check(LockCall acquire, LockCallSet set)
    {
        if (acquire.Shape == AcquireShape.TryResult && LockCallSet.ResultDiscarded(acquire))
        {
            // Ignoring the result is one root cause with one report: FL2003 reports the release that can run
            // without the lock. With no release here it is a hand-off or a timed sleep (`await s.WaitAsync(interval)`).
            return null;
        }

        if (set.Apis.IsReacquire(acquire))
        {
            // try { gate.Release(); await callback(); } finally { await gate.WaitAsync(); }: the caller's hold, given up
            // around a callback and taken back; the caller's own finally releases it.
            return null;
        }

        if (IsDrainLoop(acquire))
        {
            // while (signal.Wait(0)) { }: empties a semaphore of stale permits, nothing is held afterwards.
            return null;
        }

        var start = acquire.Invocation.Syntax.SpanStart;
        var releases = set.SameLock(acquire, acquires: false)
            .Where(release => release.Invocation.Syntax.SpanStart > start)
            .OrderBy(release => release.Invocation.Syntax.SpanStart)
            .ToList();
        if (releases.Count == 0)
        {
            // Released elsewhere, or handed to the caller (a disposable releaser): not this method's to guarantee.
            return null;
        }

        if (ReleasedOnlyOnFailure(acquire, releases))
        {
            // await _slots.WaitAsync(ct); try { …; return new Lease(this, channel); } catch { _slots.Release(); throw; }:
            // on success the permit goes out with the lease, whose Dispose releases it.
            return null;
        }

        if (IsAcquireWrapper(acquire, releases, set))
        {
            // Stream? AcquireLock() { _mutex.WaitOne(); if (_stream is null) { _mutex.ReleaseMutex(); return null; } return _stream; }
            // beside a ReleaseLock() that releases without taking (log4net's InterProcessLock): the method exists to
            // return holding the lock, and gives it back only on the path that fails; its caller releases it.
            return null;
        }

        if (HandedToCallback(acquire, set) || HandedToMethod(acquire, set))
        {
            // task.ContinueWith(_ => gate.Release()): the permit is released by the continuation, and the releases in
            // this body only cover the paths on which the continuation is never registered.
            return null;
        }

        if (InsideProtectingTry(acquire, set))
        {
            // The finally covers it; whether the release can run without the acquire is FL2003's question.
            return null;
        }

        if (OperationTree.StatementOf(acquire.Invocation) is not { } statement)
        {
            return null;
        }

        if (ReleasedRightAfter(statement, releases[0]) || ReleasedWithoutThrowing.OnEveryPath(acquire, releases))
        {
            // await gate.WaitAsync(ct); return 1 + gate.Release();: nothing runs in between that could throw. Nor in
            // 'Monitor.Enter(x); if (x.IsNotInUse) { Monitor.Exit(x); return false; } Monitor.Exit(x);'.
            return null;
        }

        switch (FollowsWithProtectingTry(acquire, statement, set))
        {
            case Continuation.Protected:
            case Continuation.Unknown:
                return null;
            case Continuation.StatementsBeforeTry:
                return new Finding(StatementBeforeTry, "a statement between the acquire and the try block can throw before the finally is in place", FirstInFinally(releases) ?? releases[0]);
        }

        if (FirstInFinally(releases) is { } inFinally)
        {
            return new Finding(StatementBeforeTry, "code between the acquire and the try block whose finally releases it can throw", inFinally);
        }

        // The release that ends the region: one in the acquire's own statement list when there is one (a release
        // nested in an early-exit branch is not where a finally should start).
        var siblings = OperationTree.StatementsOf(statement.Parent);
        var main = releases.FirstOrDefault(release => OperationTree.StatementOf(release.Invocation) is { } s && siblings.Contains(s)) ?? releases[0];
        if (HasEarlyExit(acquire, releases[0], releases))
        {
            return new Finding(EarlyExit, "an early exit between the acquire and the release skips the release", main);
        }

        return releases.Any(release => OperationTree.IsInTryBodyOrCatch(release.Invocation))
            ? new Finding(NormalPathOnly, "it is released only on the normal path, not in a finally block", main)
            : new Finding(NoFinally, "no try/finally releases it, so an exception before the release leaves it held", main);
    }

    /// <summary>
    /// Whether a semaphore's every release after the acquire is in a <c>catch</c> that then leaves the method (rethrows,
    /// throws or returns), of a <c>try</c> that returns a value: the method keeps the permit when it succeeds and hands it
    /// on (a lease or releaser returned to the caller), and gives it back only when it fails. Only semaphores have
    /// permits another thread may release.
    /// </summary>
    private static bool ReleasedOnlyOnFailure(LockCall acquire, List<LockCall> releases)
    {
        if (acquire.Family is not (LockFamily.SemaphoreSlim or LockFamily.Semaphore))
        {
            return false;
        }

        foreach (var release in releases)
        {
            // The try must hand something out ('return new Lease(…)'): one that returns nothing keeps the permit on
            // success for no one, and that is the mistake the rule is for.
            if (EnclosingCatch(release.Invocation) is not { Filter: null, Parent: ITryOperation @try } @catch || !OperationTree.AlwaysExits(@catch.Handler)
                || !OperationTree.DescendantsInBody(@try.Body).Any(operation => operation is IReturnOperation { ReturnedValue: not null }))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether the acquiring method is one half of an acquire/release pair of its type: it is named as an acquisition
    /// (<c>AcquireLock</c>, <c>EnterWrite</c>, <c>TakeLock</c>), every release after the acquire sits in a branch that
    /// then leaves the method (the path that fails hands nothing out), and another method of the type declared in
    /// the same file releases the same lock without taking it (<c>ReleaseLock</c>). A <c>finally</c> here would
    /// release the lock the method exists to hand to its caller.
    /// </summary>
    private static bool IsAcquireWrapper(LockCall acquire, List<LockCall> releases, LockCallSet set)
    {
        if (acquire.Invocation.SemanticModel is not { } model
            || model.GetEnclosingSymbol(acquire.Invocation.Syntax.SpanStart) is not IMethodSymbol { MethodKind: MethodKind.Ordinary, ContainingType: { } type } method
            || !IsAcquisitionName(method.Name)
            || OperationTree.StatementOf(acquire.Invocation) is not { Parent: { } acquireBlock })
        {
            return false;
        }

        foreach (var release in releases)
        {
            if (OperationTree.StatementOf(release.Invocation) is not { Parent: { } releaseBlock } || releaseBlock == acquireBlock || !OperationTree.AlwaysExits(releaseBlock))
            {
                return false;
            }
        }

        foreach (var member in type.GetMembers())
        {
            if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary } other && !SymbolEqualityComparer.Default.Equals(other, method)
                && !IsAcquisitionName(other.Name) && ReleasesWithoutTaking(other, acquire, set, model))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A method name that says it takes a lock: it contains "Acquire" or "Lock", or starts with "Enter", "Take" or "Obtain", and does not release.</summary>
    private static bool IsAcquisitionName(string name)
        => !name.StartsWith("Release", StringComparison.Ordinal) && !name.StartsWith("Exit", StringComparison.Ordinal) && !name.StartsWith("Unlock", StringComparison.Ordinal)
           && (name.IndexOf("Acquire", StringComparison.Ordinal) >= 0 || name.IndexOf("Lock", StringComparison.Ordinal) >= 0
               || name.StartsWith("Enter", StringComparison.Ordinal) || name.StartsWith("Take", StringComparison.Ordinal) || name.StartsWith("Obtain", StringComparison.Ordinal));

    private static ICatchClauseOperation? EnclosingCatch(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case ICatchClauseOperation @catch:
                    return @catch;
                case IAnonymousFunctionOperation or ILocalFunctionOperation:
                    return null;
            }
        }

        return null;
    }

    private static bool IsDrainLoop(LockCall acquire)
        => LockCallSet.ValueOf(acquire.Invocation).Parent is IWhileLoopOperation { Body: var body } loop
           && loop.Condition == LockCallSet.ValueOf(acquire.Invocation)
           && body is IBlockOperation { Operations.IsEmpty: true } or IEmptyOperation;

    /// <summary>
    /// Whether a lambda or local function in the acquire's body releases the same semaphore without acquiring it: a
    /// permit handed to a continuation or callback. Only semaphores have permits another thread may release; every
    /// other lock must be released by the thread that holds it.
    /// </summary>
    private static bool HandedToCallback(LockCall acquire, LockCallSet set)
    {
        if (acquire.Family is not (LockFamily.SemaphoreSlim or LockFamily.Semaphore))
        {
            return false;
        }

        var body = OperationTree.BodyOf(acquire.Invocation);
        foreach (var call in set.Calls)
        {
            var callback = OperationTree.BodyOf(call.Invocation);
            if (!call.IsAcquire && call.SameLockAs(acquire) && call.Invocation.Syntax.SpanStart > acquire.Invocation.Syntax.SpanStart
                && callback is not null && callback != body && (body is null || OperationTree.IsWithin(callback, body))
                && !set.Calls.Any(other => other.IsAcquire && other.SameLockAs(acquire) && OperationTree.BodyOf(other.Invocation) == callback))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the acquiring body hands the permit to another method of its type that releases it without taking it:
    /// it passes that method as a callback (<c>task.ContinueWith(OnDone)</c>), or a delegate field that the type sets
    /// to it (<c>_onDone = OnDone;</c> … <c>task.ContinueWith(_onDone)</c>, as Quartz's <c>TaskSchedulingThreadPool</c>
    /// does). Only a method declared in the same file is read; a field counts when every value the file gives it is
    /// such a method.
    /// </summary>
    private static bool HandedToMethod(LockCall acquire, LockCallSet set)
    {
        if (acquire.Family is not (LockFamily.SemaphoreSlim or LockFamily.Semaphore) || acquire.Invocation.SemanticModel is not { } model
            || model.GetEnclosingSymbol(acquire.Invocation.Syntax.SpanStart) is not { ContainingType: { } type })
        {
            return false;
        }

        foreach (var operation in OperationTree.Root(acquire.Invocation).Descendants())
        {
            var handed = OperationTree.Strip(operation) switch
            {
                IMethodReferenceOperation reference when IsArgument(operation) => [reference.Method],
                IFieldReferenceOperation { Field.Type.TypeKind: TypeKind.Delegate } field when IsArgument(operation) => MethodsStoredIn(field.Field, type, model),
                _ => [],
            };
            foreach (var method in handed)
            {
                if (SymbolEqualityComparer.Default.Equals(method.ContainingType?.OriginalDefinition, type.OriginalDefinition)
                    && ReleasesWithoutTaking(method, acquire, set, model))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsArgument(IOperation operation)
    {
        var current = operation.Parent;
        while (current is IConversionOperation or IDelegateCreationOperation)
        {
            current = current.Parent;
        }

        return current is IArgumentOperation;
    }

    /// <summary>The methods <paramref name="field"/> is set to in the file's declarations of <paramref name="type"/>, or none when any value is something else.</summary>
    private static List<IMethodSymbol> MethodsStoredIn(IFieldSymbol field, INamedTypeSymbol type, SemanticModel model)
    {
        var methods = new List<IMethodSymbol>();
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree != model.SyntaxTree)
            {
                continue;
            }

            foreach (var token in reference.GetSyntax().DescendantTokens())
            {
                if (token.ValueText != field.Name || token.Parent is null)
                {
                    continue;
                }

                // 'private Action<Task> _onDone = OnDone;' or '_onDone = OnDone;' / 'this._onDone = OnDone;'.
                var value = token.Parent switch
                {
                    VariableDeclaratorSyntax { Initializer.Value: { } initializer } => initializer,
                    IdentifierNameSyntax name when (name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access.Parent : name.Parent)
                        is AssignmentExpressionSyntax assignment && (assignment.Left == name || assignment.Left is MemberAccessExpressionSyntax { Name: var assigned } && assigned == name)
                        => assignment.Right,
                    _ => null,
                };
                if (value is null)
                {
                    continue;
                }

                if (IsNull(value))
                {
                    continue; // 'private Action<Task> _onDone = null!;' before the constructor sets it
                }

                if (model.GetOperation(value) is not { } stored || OperationTree.Strip(stored) is not IMethodReferenceOperation storedMethod)
                {
                    return []; // a lambda, a parameter or another delegate: which method runs, we do not know here
                }

                methods.Add(storedMethod.Method);
            }
        }

        return methods;
    }

    /// <summary><c>null</c>, <c>null!</c>, <c>default</c> or <c>default(T)</c>.</summary>
    private static bool IsNull(ExpressionSyntax value)
    {
        while (value is PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } suppressed)
        {
            value = suppressed.Operand;
        }

        return value is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression or (int)SyntaxKind.DefaultLiteralExpression } or DefaultExpressionSyntax;
    }

    private static bool ReleasesWithoutTaking(IMethodSymbol method, LockCall acquire, LockCallSet set, SemanticModel model)
    {
        if (method.DeclaringSyntaxReferences.Length != 1 || method.DeclaringSyntaxReferences[0].SyntaxTree != model.SyntaxTree
            || model.GetOperation(method.DeclaringSyntaxReferences[0].GetSyntax()) is not { } body)
        {
            return false;
        }

        var calls = set.Of(body).Calls;
        return calls.Any(call => !call.IsAcquire && call.SameLockAs(acquire)) && !calls.Any(call => call.IsAcquire && call.SameLockAs(acquire));
    }

    /// <summary>
    /// Whether <paramref name="release"/> is the first thing to run after the acquire's statement: it sits in the next
    /// statement that is not inert, and nothing in that statement that can throw is evaluated before it.
    /// </summary>
    private static bool ReleasedRightAfter(IOperation acquireStatement, LockCall release)
    {
        var list = OperationTree.StatementsOf(acquireStatement.Parent);
        var index = list.IndexOf(acquireStatement);
        var next = index + 1;
        while (next < list.Length && OperationTree.IsInert(list[next]))
        {
            next++;
        }

        if (index < 0 || next >= list.Length || list[next] is not (IReturnOperation or IExpressionStatementOperation)
            || !OperationTree.IsWithin(release.Invocation, list[next]) || OperationTree.IsConditionallyExecuted(release.Invocation, list[next]))
        {
            return false;
        }

        var releaseStart = release.Invocation.Syntax.SpanStart;
        foreach (var operation in OperationTree.DescendantsInBody(list[next]))
        {
            if (operation is IInvocationOperation or IAwaitOperation or IObjectCreationOperation or IPropertyReferenceOperation
                && operation != release.Invocation && operation.Syntax.SpanStart < releaseStart && !OperationTree.IsWithin(release.Invocation, operation))
            {
                return false;
            }
        }

        return true;
    }

    private static LockCall? FirstInFinally(List<LockCall> releases)
        => releases.FirstOrDefault(release => OperationTree.EnclosingFinallyOwners(release.Invocation).Any());

    /// <summary>Whether the acquire sits in the body of a <c>try</c> whose <c>finally</c> releases the same lock.</summary>
    private static bool InsideProtectingTry(LockCall acquire, LockCallSet set)
    {
        IOperation child = acquire.Invocation;
        for (var current = child.Parent; current is not null; child = current, current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return false;
            }

            if (current is ITryOperation @try && @try.Body == child && set.FinallyReleases(@try, acquire))
            {
                return true;
            }
        }

        return false;
    }

    private enum Continuation
    {
        Protected,
        StatementsBeforeTry,
        NotFound,
        Unknown,
    }

    /// <summary>
    /// Looks at what runs once the acquire has succeeded: the statements after it, or the branch of the <c>if</c>
    /// whose condition acquires, and whether they start with a <c>try</c> whose <c>finally</c> releases.
    /// </summary>
    private static Continuation FollowsWithProtectingTry(LockCall acquire, IOperation statement, LockCallSet set)
    {
        var condition = statement switch
        {
            IConditionalOperation conditional => conditional.Condition,
            IWhileLoopOperation loop => loop.Condition,
            _ => null,
        };

        if (condition is not null && OperationTree.IsWithin(acquire.Invocation, condition))
        {
            var polarity = Polarity(acquire.Invocation, condition);
            if (polarity is null)
            {
                return Continuation.Unknown;
            }

            IOperation? taken = (statement, polarity.Value) switch
            {
                (IConditionalOperation conditional, true) => conditional.WhenTrue,
                (IWhileLoopOperation loop, true) => loop.Body,
                (IConditionalOperation conditional, false) when OperationTree.AlwaysExits(conditional.WhenTrue) => null,
                (IWhileLoopOperation, false) => null,
                _ => statement,
            };

            if (taken == statement)
            {
                // if (!TryEnter()) { ...falls through... }: the lock state after the if is unclear.
                return Continuation.Unknown;
            }

            if (taken is not null)
            {
                return Scan(taken is IBlockOperation block ? block.Operations : ImmutableArray.Create(taken), 0, acquire, set);
            }
        }

        // Plain statement (or a conditional acquire in an if's branch): look after it, climbing out of blocks that
        // end right after it, so `if (c) { x.Wait(); } try { } finally { if (c) x.Release(); }` counts as protected.
        var current = statement;
        while (true)
        {
            var list = OperationTree.StatementsOf(current.Parent);
            var index = list.IndexOf(current);
            var result = Scan(list, index + 1, acquire, set);
            if (result != Continuation.NotFound || !RestIsInert(list, index + 1))
            {
                return result;
            }

            // Hand over hand: `lock (a) { …; Monitor.Enter(b); } try { … } finally { Monitor.Exit(b); }`. Leaving a
            // lock block, or a try body whose finally only releases other locks, runs nothing that can throw. Nor does
            // leaving `try { owned = m.WaitOne(t); } catch (AbandonedMutexException) { owned = true; }`: a catch runs
            // only when the acquire threw, and one that only sets locals cannot throw while an abandoned mutex is held.
            if (current.Parent is not IBlockOperation { Parent: { } owner }
                || !(owner is IBlockOperation or IConditionalOperation or ILockOperation
                     || (owner is IUsingOperation { Resources: var resources } usingOwner && usingOwner.Body == current.Parent && DisposesWithoutThrowing(resources))
                     || (owner is ITryOperation { Catches.IsEmpty: true, Finally: { } @finally } tryOwner && tryOwner.Body == current.Parent && (OnlyReleases(@finally) || OnlyCountsAtomically(@finally)))
                     || (owner is ITryOperation { Finally: null } catchOwner && catchOwner.Body == current.Parent
                         && catchOwner.Catches.All(c => OnlySetsLocals(c) || ExitsWithoutTheLock(c, acquire))))
                || OperationTree.StatementOf(owner) is not { } outer)
            {
                return Continuation.NotFound;
            }

            current = outer;
        }
    }

    /// <summary>
    /// Whether leaving a <c>using</c> of <paramref name="resources"/> runs nothing that can throw: a
    /// <c>CancellationTokenRegistration</c>, whose <c>Dispose</c> unregisters the callback (set aw C33: <c>using
    /// (requestAborted.Register(…)) { try { await gate.WaitAsync(…); } catch … }</c>, then the <c>try</c> that releases).
    /// </summary>
    private static bool DisposesWithoutThrowing(IOperation resources)
    {
        IEnumerable<ITypeSymbol?> types = resources is IVariableDeclarationGroupOperation group
            ? group.Declarations.SelectMany(declaration => declaration.Declarators).Select(declarator => (ITypeSymbol?)declarator.Symbol.Type)
            : [OperationTree.Strip(resources).Type];
        return types.All(type => type is { Name: "CancellationTokenRegistration", ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } });
    }

    /// <summary>
    /// Whether <paramref name="statement"/>, between an acquire and its <c>try</c>, cannot leave the lock held: an
    /// inert statement, a declaration that only reads locals, fields or auto-properties (<c>var state = State;</c>), or
    /// an early exit that releases the lock first (<c>if (state == Broken) { Monitor.Exit(x); return; }</c>).
    /// </summary>
    private static bool IsHarmlessBeforeTry(IOperation statement, LockCall acquire, LockCallSet set)
    {
        if (OperationTree.IsInert(statement))
        {
            return true;
        }

        if (statement is IVariableDeclarationGroupOperation group)
        {
            return group.Declarations.All(declaration => declaration.Declarators.All(declarator =>
                (declarator.Initializer?.Value ?? declaration.Initializer?.Value) is not { } value || IsPlainRead(value)));
        }

        if (statement is IExpressionStatementOperation { Operation: IInvocationOperation counter } && IsAtomicFieldUpdate(counter))
        {
            return true; // 'Interlocked.Increment(ref _inFlight);' after 'await _arms.WaitAsync()': it cannot throw
        }

        if (statement is IConditionalOperation { WhenFalse: null } handOff && HandsOver(handOff.WhenTrue, acquire)
            && OperationTree.DescendantsInBody(handOff.Condition).All(operation => operation is not (IObjectCreationOperation or IAwaitOperation)
                                                                                   && (operation is not IInvocationOperation call || IsStateTest(call))))
        {
            return true;
        }

        return statement is IConditionalOperation { WhenFalse: null, WhenTrue: IBlockOperation { Operations: { Length: > 0 } body } whenTrue } test
               && OperationTree.AlwaysExits(whenTrue)
               && !OperationTree.DescendantsInBody(test.Condition).Any(operation => operation is IInvocationOperation or IObjectCreationOperation or IAwaitOperation)
               && body[0] is IExpressionStatementOperation { Operation: IInvocationOperation first }
               && set.SameLock(acquire, acquires: false).Any(release => release.Invocation == first);
    }

    /// <summary>
    /// An early exit that hands the held lock to a method of the same type: <c>if (_flushTask.IsNotCompletedSuccessfully())
    /// return PingStateMachineAsync(true, ping, ct);</c>, where that method takes the lock only <c>if (!lockHeld)</c> and
    /// releases it in its own <c>finally</c> (seen in NATS.Client's command writer). The other arguments are plain
    /// reads, so nothing throws between the acquire and the method that owns the lock from then on.
    /// </summary>
    private static bool HandsOver(IOperation exit, LockCall acquire)
    {
        if (exit is IBlockOperation { Operations.Length: 1 } block)
        {
            exit = block.Operations[0];
        }

        if (exit is not IReturnOperation { ReturnedValue: { } returned } || OperationTree.Strip(returned) is not IInvocationOperation call
            || acquire.LockExpression is not { } lockExpression
            || call.Instance is not (null or IInstanceReferenceOperation)
            || !SymbolEqualityComparer.Default.Equals(call.TargetMethod.ContainingType.OriginalDefinition, acquire.Invocation.SemanticModel?.GetEnclosingSymbol(acquire.Invocation.Syntax.SpanStart)?.ContainingType?.OriginalDefinition)
            || call.TargetMethod.DeclaringSyntaxReferences.Length != 1
            || call.TargetMethod.DeclaringSyntaxReferences[0].GetSyntax() is not MethodDeclarationSyntax { Body: { } body })
        {
            return false;
        }

        string? held = null;
        foreach (var argument in call.Arguments)
        {
            if (argument.Value is ILiteralOperation { ConstantValue.Value: true } && argument.Parameter is { } parameter)
            {
                held ??= parameter.Name;
            }
            else if (argument.ArgumentKind == ArgumentKind.Explicit && !IsPlainRead(argument.Value))
            {
                return false;
            }
        }

        var lockText = lockExpression.Syntax.ToString();
        return held is not null
               && body.DescendantNodes().OfType<IfStatementSyntax>().Any(test =>
                      test.Condition is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression, Operand: IdentifierNameSyntax { Identifier.ValueText: var name } }
                      && name == held && CallsOn(test.Statement, lockText, acquire.Invocation.TargetMethod.Name, acquire.Invocation.TargetMethod.Name + "Async"))
               && body.DescendantNodes().OfType<FinallyClauseSyntax>().Any(@finally => CallsOn(@finally.Block, lockText, "Release", "Exit", "ExitReadLock", "ExitWriteLock", "ExitUpgradeableReadLock"));
    }

    /// <summary>Whether <paramref name="node"/> calls one of <paramref name="names"/> on the lock written as <paramref name="lockText"/>.</summary>
    private static bool CallsOn(SyntaxNode node, string lockText, params string[] names)
        => node.DescendantNodes().OfType<InvocationExpressionSyntax>().Any(invocation =>
               invocation.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: var called } access
               && names.Contains(called) && access.Expression.ToString() == lockText);

    /// <summary>
    /// A call that only tests a task's state and cannot throw: a static method of the compilation whose body is one
    /// expression over its parameters, constants, null checks and the patterns <c>{ IsCompleted: false }</c>,
    /// <c>{ Status: … }</c> (<c>task is { IsCompletedSuccessfully: false }</c>, an extension method NATS.Client uses).
    /// A task's state properties never throw; a member read on a parameter is accepted after a null check of it.
    /// </summary>
    private static bool IsStateTest(IInvocationOperation call)
    {
        if (!call.TargetMethod.IsStatic || call.TargetMethod.DeclaringSyntaxReferences.Length != 1
            || !call.Arguments.All(argument => IsPlainRead(argument.Value))
            || call.TargetMethod.DeclaringSyntaxReferences[0].GetSyntax() is not MethodDeclarationSyntax declaration)
        {
            return false;
        }

        var expression = Forklift.Analyzers.SharedState.MethodSyntaxFacts.ReturnedExpression(declaration);
        var parameters = declaration.ParameterList.Parameters.Select(p => p.Identifier.ValueText).ToArray();
        return expression is not null && TaskStateTest.IsPure(expression, parameters, checkedForNull: null);
    }

    /// <summary>
    /// An <c>Interlocked</c> call on a field of this object or a static field, whose other arguments are plain reads
    /// (<c>Interlocked.Increment(ref _inFlight)</c>, <c>Interlocked.Exchange(ref _state, Busy)</c>): it cannot throw.
    /// </summary>
    private static bool IsAtomicFieldUpdate(IInvocationOperation call)
        => call.TargetMethod.ContainingType is { Name: "Interlocked", ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } }
           && call.Arguments.Length > 0
           && call.Arguments[0].Value is IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation }
           && call.Arguments.Skip(1).All(argument => IsPlainRead(argument.Value));

    private static bool IsPlainRead(IOperation value) => IsPlainRead(value, getterDepth: 0);

    private static bool IsPlainRead(IOperation value, int getterDepth)
    {
        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }

        return value switch
        {
            ILiteralOperation or ILocalReferenceOperation or IParameterReferenceOperation => true,
            IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } => true,

            // A clock read ('var started = DateTime.UtcNow;' after 'await gate.WaitAsync()') never throws.
            IPropertyReferenceOperation { Instance: null, Property: { Name: "UtcNow" or "Now" or "TickCount" or "TickCount64" } clock }
                when IsSystemType(clock.ContainingType, "DateTime", "DateTimeOffset", "Environment") => true,
            IInvocationOperation { Instance: null, Arguments.Length: 0, TargetMethod: { Name: "GetTimestamp" } timestamp }
                when timestamp.ContainingType is { Name: "Stopwatch", ContainingNamespace: { Name: "Diagnostics", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } => true,
            IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation, Property.GetMethod: { } getter } reference
                => IsAutoAccessor(getter) || IsPlainReadGetter(reference, getter, getterDepth),
            _ => false,
        };
    }

    private static bool IsSystemType(INamedTypeSymbol type, params string[] names)
        => names.Contains(type.Name) && type.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true };

    /// <summary>Whether a getter is an auto-property's (<c>{ get; }</c>): it reads a field and cannot throw.</summary>
    internal static bool IsAutoAccessor(IMethodSymbol getter)
        => !getter.DeclaringSyntaxReferences.IsEmpty
           && getter.DeclaringSyntaxReferences.All(reference => reference.GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.AccessorDeclarationSyntax { Body: null, ExpressionBody: null });

    /// <summary>
    /// Whether a getter declared in the same file is an expression body that only reads (<c>State Current =&gt; (State)_state;</c>,
    /// seen in Npgsql between a <c>Monitor.Enter</c> and its <c>try</c>). Only the file already bound is looked at, and
    /// only one getter deep, so this costs nothing elsewhere.
    /// </summary>
    private static bool IsPlainReadGetter(IPropertyReferenceOperation reference, IMethodSymbol getter, int getterDepth)
    {
        if (getterDepth > 0 || reference.SemanticModel is not { } model || getter.DeclaringSyntaxReferences.Length != 1)
        {
            return false;
        }

        var expression = getter.DeclaringSyntaxReferences[0].GetSyntax() switch
        {
            Microsoft.CodeAnalysis.CSharp.Syntax.ArrowExpressionClauseSyntax arrow => arrow.Expression,
            Microsoft.CodeAnalysis.CSharp.Syntax.AccessorDeclarationSyntax { ExpressionBody: { } arrow } => arrow.Expression,
            _ => null,
        };
        return expression is not null
               && expression.SyntaxTree == model.SyntaxTree
               && model.GetOperation(expression) is { } body
               && IsPlainRead(body, getterDepth + 1);
    }

    /// <summary>Whether a <c>catch</c> has no filter and only assigns constants or locals to locals (or is empty).</summary>
    private static bool OnlySetsLocals(ICatchClauseOperation @catch)
        => @catch.Filter is null
           && @catch.Handler.Operations.All(statement => OperationTree.IsInert(statement)
                                                         || statement is IExpressionStatementOperation { Operation: ISimpleAssignmentOperation { Target: ILocalReferenceOperation, Value: var value } }
                                                            && (value.ConstantValue.HasValue || value is ILocalReferenceOperation));

    /// <summary>
    /// <c>try { await gate.WaitAsync(ct); } catch { return; }</c>: a catch after the acquire runs only when the acquire
    /// threw, which for everything but a mutex means it was not taken, and one that always leaves holds nothing. A
    /// mutex's <c>AbandonedMutexException</c> is thrown with the mutex owned, so a catch there still holds it. A filter
    /// changes nothing (<c>catch (OperationCanceledException) when (!requestAborted.IsCancellationRequested)</c>, set aw
    /// C33): what it does not catch leaves the same way, with nothing taken.
    /// </summary>
    private static bool ExitsWithoutTheLock(ICatchClauseOperation @catch, LockCall acquire)
        => acquire.Invocation.TargetMethod.Name != "WaitOne" && OperationTree.AlwaysExits(@catch.Handler);

    /// <summary>Whether every statement of <paramref name="finally"/> is a call named like a lock release.</summary>
    /// <summary>
    /// A <c>finally</c> that only updates fields with <c>Interlocked</c> (<c>Interlocked.Decrement(ref _queued)</c>
    /// around <c>await _slots.WaitAsync(ct)</c> in a bulkhead, set ac C33): leaving it cannot throw.
    /// </summary>
    private static bool OnlyCountsAtomically(IBlockOperation @finally)
        => @finally.Operations.All(statement => statement is IExpressionStatementOperation { Operation: IInvocationOperation counter } && IsAtomicFieldUpdate(counter));

    private static bool OnlyReleases(IBlockOperation @finally)
        => @finally.Operations.All(statement => statement is IExpressionStatementOperation { Operation: IInvocationOperation { TargetMethod.Name: var name } }
                                                && (name.StartsWith("Exit", StringComparison.Ordinal) || name.StartsWith("Release", StringComparison.Ordinal)));

    private static bool RestIsInert(ImmutableArray<IOperation> list, int from)
    {
        for (var i = from; i < list.Length; i++)
        {
            // 'entered = true;' after 'await _slots.WaitAsync(ct);' in a try body: setting a local flag cannot throw.
            if (!OperationTree.IsInert(list[i])
                && list[i] is not IExpressionStatementOperation { Operation: ISimpleAssignmentOperation { Target: ILocalReferenceOperation, Value.ConstantValue.HasValue: true } })
            {
                return false;
            }
        }

        return true;
    }

    private static Continuation Scan(ImmutableArray<IOperation> statements, int from, LockCall acquire, LockCallSet set)
    {
        var i = from;
        while (i < statements.Length && IsHarmlessBeforeTry(statements[i], acquire, set))
        {
            i++;
        }

        // The flag or stored result may be tested first: `if (taken) { try … }` or `if (!ok) return;`.
        var guard = acquire.Flag ?? LockCallSet.ResultLocal(acquire);
        if (guard is not null && i < statements.Length && statements[i] is IConditionalOperation test
            && OperationTree.References(test.Condition, guard))
        {
            if (!OperationTree.AlwaysExits(test.WhenTrue))
            {
                var branch = test.WhenTrue is IBlockOperation block ? block.Operations : ImmutableArray.Create(test.WhenTrue);
                return Scan(branch, 0, acquire, set) == Continuation.Protected ? Continuation.Protected : Continuation.Unknown;
            }

            i++;
            while (i < statements.Length && IsHarmlessBeforeTry(statements[i], acquire, set))
            {
                i++;
            }
        }

        if (i < statements.Length && statements[i] is ITryOperation first && Protects(first, acquire, set))
        {
            return Continuation.Protected;
        }

        for (var j = i + 1; j < statements.Length; j++)
        {
            if (statements[j] is ITryOperation later && Protects(later, acquire, set))
            {
                return Continuation.StatementsBeforeTry;
            }
        }

        return Continuation.NotFound;
    }

    /// <summary>
    /// <see langword="true"/> when the condition is true exactly when the lock was taken, <see langword="false"/>
    /// when it is true exactly when it was not, <see langword="null"/> when it cannot be told.
    /// </summary>
    /// <summary>
    /// Whether a <c>try</c> releases the lock in its <c>finally</c>, or starts with one that does: entering
    /// <c>try { try { … } finally { Exit(); } … } finally { ArrayPool.Return(…); }</c> runs nothing before the inner one.
    /// </summary>
    private static bool Protects(ITryOperation @try, LockCall acquire, LockCallSet set)
        => set.FinallyReleases(@try, acquire)
           || (@try.Body.Operations.Length > 0 && @try.Body.Operations[0] is ITryOperation inner && Protects(inner, acquire, set));

    private static bool? Polarity(IOperation acquire, IOperation condition)
    {
        var positive = true;
        var current = LockCallSet.ValueOf(acquire);
        while (current != condition)
        {
            switch (current.Parent)
            {
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } negation:
                    positive = !positive;
                    current = negation;
                    break;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } both when positive:
                    current = both;
                    break;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } either when !positive:
                    current = either;
                    break;
                default:
                    return null;
            }
        }

        return positive;
    }

    /// <summary>
    /// Whether a <c>return</c>, <c>throw</c>, <c>break</c>, <c>continue</c> or <c>goto</c> between the acquire and the
    /// first release leaves the region without passing a release first.
    /// </summary>
    private static bool HasEarlyExit(LockCall acquire, LockCall firstRelease, List<LockCall> releases)
    {
        var from = acquire.Invocation.Syntax.Span.End;
        var to = firstRelease.Invocation.Syntax.SpanStart;
        var root = OperationTree.BodyOf(acquire.Invocation) ?? OperationTree.Root(acquire.Invocation);
        foreach (var operation in OperationTree.DescendantsInBody(root))
        {
            var isExit = operation switch
            {
                IReturnOperation { IsImplicit: false } @return => @return.Kind != OperationKind.YieldReturn,
                IThrowOperation => true,
                IBranchOperation branch => LeavesAcquireScope(branch, acquire),
                _ => false,
            };

            if (isExit && operation.Syntax.SpanStart > from && operation.Syntax.SpanStart < to && !ReleasedBefore(operation, releases)
                && !releases.Any(release => OperationTree.IsWithin(release.Invocation, operation))
                && !OnFailedAcquirePath(operation, acquire))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether <paramref name="exit"/> is in the branch of an <c>if</c> that runs when the acquire in its condition failed
    /// (<c>if (!_mutex.WaitOne(timeout)) return;</c>, Exceptionless's log trimming): nothing is held there to release.
    /// </summary>
    private static bool OnFailedAcquirePath(IOperation exit, LockCall acquire)
    {
        for (IOperation? current = exit; current?.Parent is { } parent; current = parent)
        {
            if (parent is IConditionalOperation { Condition: { } condition } choice && !ReferenceEquals(current, condition)
                && OperationTree.IsWithin(acquire.Invocation, condition) && Polarity(acquire.Invocation, condition) is { } positive)
            {
                return ReferenceEquals(current, choice.WhenTrue) ? !positive : positive;
            }
        }

        return false;
    }

    private static bool LeavesAcquireScope(IBranchOperation branch, LockCall acquire)
    {
        if (branch.BranchKind == BranchKind.GoTo)
        {
            return true;
        }

        for (var current = branch.Parent; current is not null; current = current.Parent)
        {
            if (current is ILoopOperation || (current is ISwitchOperation && branch.BranchKind == BranchKind.Break))
            {
                // The break or continue leaves only this loop: an exit only when the acquire is inside it too.
                return OperationTree.IsWithin(acquire.Invocation, current);
            }
        }

        return false;
    }

    /// <summary>Whether a release runs before <paramref name="exit"/> in the statements that lead to it.</summary>
    private static bool ReleasedBefore(IOperation exit, List<LockCall> releases)
    {
        var child = exit;
        for (var current = exit.Parent; current is not null; child = current, current = current.Parent)
        {
            foreach (var statement in OperationTree.StatementsOf(current))
            {
                if (statement == child)
                {
                    break;
                }

                if (releases.Any(release => OperationTree.IsWithin(release.Invocation, statement)))
                {
                    return true;
                }
            }

            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return false;
            }
        }

        return false;
    }

    private sealed class Finding
    {
        public Finding(string reason, string message, LockCall? release)
        {
            Reason = reason;
            Message = message;
            Release = release;
        }

        public string Reason { get; }

        public string Message { get; }

        public LockCall? Release { get; }
    }
}
