using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Forklift.Analyzers.Locks;

/// <summary>FL2003: a lock is released on a path where it may not be held.</summary>
/// <remarks>
/// The classic case is <c>try { await gate.WaitAsync(ct); … } finally { gate.Release(); }</c>: a cancelled or
/// timed-out wait still reaches the release, which throws <c>SemaphoreFullException</c> or, worse, lets a second
/// caller in. The same happens when a <c>TryEnter</c>/<c>Wait(timeout)</c> result or a <c>lockTaken</c> flag is not
/// checked, when a straight-line path releases more often than it acquires, or when the acquire runs only under a
/// condition (<c>if (!alreadyLocked) gate.Wait();</c>) that the release in the finally does not repeat. A method that
/// releases without acquiring at all (the caller holds the lock) is not reported.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ReleaseWithoutAcquireAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property naming what is wrong; the code fix offers only what fits the reason.</summary>
    internal const string ReasonKey = "Reason";

    /// <summary>Diagnostic property with the name of the flag or result local that should guard the release.</summary>
    internal const string GuardKey = "Guard";

    /// <summary>Diagnostic property with the span of the acquire the finding is about.</summary>
    internal const string AcquireSpanKey = "AcquireSpan";

    internal const string AcquireInTry = nameof(AcquireInTry);
    internal const string FlagNotChecked = nameof(FlagNotChecked);
    internal const string ResultNotChecked = nameof(ResultNotChecked);
    internal const string ExtraRelease = nameof(ExtraRelease);
    internal const string ConditionalAcquire = nameof(ConditionalAcquire);

    internal static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.ReleaseWithoutAcquire,
        title: "Release only a lock that is held",
        messageFormat: "'{0}' may be released without being held: {1}",
        DiagnosticCategories.Locking,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Acquire a lock before the try whose finally releases it, and guard the release with the lockTaken flag or the TryEnter/Wait(timeout) result, so that a failed, cancelled or timed-out acquire never releases a lock it did not take.",
        helpLinkUri: HelpLinks.For(DiagnosticIds.ReleaseWithoutAcquire));

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
            LockCallSet.Register(start, apis, release => !release.IsAcquire && release.Key is not null && !apis.IsSignal(release), AnalyzeRelease);
        });
    }

    private static void AnalyzeRelease(LockCall release, LockCallSet set, Action<Diagnostic> report)
    {
        var finding = Check(release, set);
        if (finding is null && set.Memo(ExtraReleases).Contains(release))
        {
            finding = (ExtraRelease, "it is released more times than it is acquired on this path", null, null);
        }

        if (finding is null && ExitReleasedAgain(release, set) is { } exit)
        {
            finding = (ExtraRelease, $"it is released here and again in the finally block when the '{exit}' leaves the try, so this path releases it twice", null, null);
        }

        if (finding is { } found)
        {
            // The acquire's span (not an additional location, which would show in the IDE) lets the code fix move it or find the try around it.
            var properties = ImmutableDictionary<string, string?>.Empty
                .Add(ReasonKey, found.Reason)
                .Add(GuardKey, found.Guard)
                .Add(AcquireSpanKey, found.Acquire is null ? null : SpanText.Format(found.Acquire.Invocation.Syntax.Span));
            report(Diagnostic.Create(
                Rule, release.Invocation.Syntax.GetLocation(), properties, release.DisplayName, found.Message));
        }
    }

    private static (string Reason, string Message, string? Guard, LockCall? Acquire)? Check(LockCall release, LockCallSet set)
    {
        var start = release.Invocation.Syntax.SpanStart;
        var acquires = set.SameLock(release, acquires: true)
            .Where(acquire => acquire.Invocation.Syntax.SpanStart < start)
            .ToList();

        if (acquires.Count > 0 && ReleasedAgainInFinally(release, set))
        {
            return (ExtraRelease, "it is released in a catch block and again in the finally block of the same try, so an exception releases it twice", null, null);
        }

        foreach (var @try in OperationTree.EnclosingFinallyOwners(release.Invocation))
        {
            foreach (var acquire in acquires)
            {
                if (!OperationTree.IsWithin(acquire.Invocation, @try.Body)
                    || ReleasedByItsOwnTry(acquire, @try.Body, set)
                    || OperationTree.IsConditionallyExecuted(release.Invocation, @try.Finally!)
                    || GuardedBy(GuardLocal(acquire), release))
                {
                    continue;
                }

                return acquire.Shape is AcquireShape.EnterWithFlag or AcquireShape.TryWithFlag
                    ? (FlagNotChecked, $"the '{acquire.Flag?.Name ?? "lockTaken"}' flag is not checked before releasing", acquire.Flag?.Name, acquire)
                    : (AcquireInTry, $"'{acquire.Invocation.TargetMethod.Name}' is inside the try block, so a failed or cancelled acquire still reaches this release in the finally block", null, acquire);
            }
        }

        foreach (var acquire in acquires)
        {
            switch (acquire.Shape)
            {
                case AcquireShape.TryWithFlag when acquire.Flag is { } flag && !GuardedBy(flag, release):
                    return (FlagNotChecked, $"the '{flag.Name}' flag is not checked before releasing", flag.Name, acquire);
                case AcquireShape.TryResult when LockCallSet.ResultDiscarded(acquire):
                    return (ResultNotChecked, $"the result of '{acquire.Invocation.TargetMethod.Name}' is not checked before releasing", null, acquire);
                case AcquireShape.TryResult when LockCallSet.ResultLocal(acquire) is { } result && !GuardedBy(result, release):
                    return (ResultNotChecked, $"the result of '{acquire.Invocation.TargetMethod.Name}' ('{result.Name}') is not checked before releasing", result.Name, acquire);
            }
        }

        foreach (var acquire in acquires)
        {
            if (SkippableAcquireBefore(acquire, release, set) is { } condition)
            {
                var guard = condition.Syntax.ToString();
                return (ConditionalAcquire, $"'{acquire.Invocation.TargetMethod.Name}' runs only when '{guard}' holds, but the finally block releases it on every path", SimpleGuard(condition) ? guard : null, acquire);
            }
        }

        return null;
    }

    /// <summary>
    /// The condition of <c>if (cond) gate.Wait(); try { … } finally { gate.Release(); }</c>: an acquire in one branch of
    /// an <c>if</c> whose other branch does not acquire, followed in the same block by a <c>try</c> whose
    /// <c>finally</c> releases on every path. When the condition is false the release frees a lock this call never
    /// took (a caller's hold, or a permit that is not there). A release guarded by anything the condition reads is
    /// taken as the matching guard.
    /// </summary>
    private static IOperation? SkippableAcquireBefore(LockCall acquire, LockCall release, LockCallSet set)
    {
        if (acquire.Shape != AcquireShape.Unconditional
            || OperationTree.EnclosingBranch(acquire.Invocation) is not { } branch
            || OperationTree.StatementOf(branch.If) is not { Parent: { } owner } ifStatement
            || ifStatement != branch.If
            || OperationTree.AlwaysExits(branch.WhenTrue ? branch.If.WhenTrue : branch.If.WhenFalse!))
        {
            return null;
        }

        var other = branch.WhenTrue ? branch.If.WhenFalse : branch.If.WhenTrue;
        var sameLock = set.SameLock(release, acquires: true).ToList();
        if (other is not null && sameLock.Any(call => OperationTree.IsWithin(call.Invocation, other)))
        {
            return null; // both branches acquire: held either way
        }

        var list = OperationTree.StatementsOf(owner);
        var at = list.IndexOf(ifStatement);
        foreach (var @try in OperationTree.EnclosingFinallyOwners(release.Invocation))
        {
            var tryAt = list.IndexOf(@try);
            if (tryAt <= at
                || OperationTree.IsConditionallyExecuted(release.Invocation, @try.Finally!)
                || sameLock.Any(call => OperationTree.IsWithin(call.Invocation, @try.Body) || Between(call, list, at, tryAt)))
            {
                continue;
            }

            var read = OperationTree.SymbolsRead(branch.If.Condition);
            return GuardedByAny(read, release, branch.If) || IsCallersPromise(branch.If.Condition) ? null : branch.If.Condition;
        }

        return null;
    }

    private static bool Between(LockCall call, ImmutableArray<IOperation> list, int after, int before)
    {
        for (var i = after + 1; i < before; i++)
        {
            if (OperationTree.IsWithin(call.Invocation, list[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a condition other than <paramref name="except"/>, before <paramref name="release"/> in its body, reads one of <paramref name="symbols"/>.</summary>
    private static bool GuardedByAny(HashSet<ISymbol> symbols, LockCall release, IOperation except)
    {
        var start = release.Invocation.Syntax.SpanStart;
        var root = OperationTree.BodyOf(release.Invocation) ?? OperationTree.Root(release.Invocation);
        foreach (var operation in OperationTree.DescendantsInBody(root))
        {
            if (operation is IConditionalOperation conditional && conditional != except && conditional.Syntax.SpanStart < start
                && OperationTree.SymbolsRead(conditional.Condition).Overlaps(symbols))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// <c>if (!lockHeld) await _semLock.WaitAsync(ct);</c> in a private method whose every call in its type passes
    /// <c>true</c> or <c>false</c> for <c>lockHeld</c>: the parameter is each caller's statement that it hands over the
    /// lock it holds (NATS.Client's command writer; FL2001 reads the caller's side of that hand-off). The release in the
    /// <c>finally</c> then releases a lock held either way.
    /// </summary>
    private static bool IsCallersPromise(IOperation condition)
    {
        while (condition is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not)
        {
            condition = not.Operand;
        }

        if (condition is not IParameterReferenceOperation { Parameter: { Type.SpecialType: SpecialType.System_Boolean } parameter }
            || parameter.ContainingSymbol is not IMethodSymbol { DeclaredAccessibility: Accessibility.Private, MethodKind: MethodKind.Ordinary } method)
        {
            return false;
        }

        var calls = 0;
        foreach (var reference in method.ContainingType.DeclaringSyntaxReferences)
        {
            foreach (var node in reference.GetSyntax().DescendantNodes())
            {
                if (node is not InvocationExpressionSyntax call
                    || Forklift.Analyzers.SharedState.ConcurrentEntryFinder.InvokedName(call.Expression) != method.Name)
                {
                    continue;
                }

                var arguments = call.ArgumentList.Arguments;
                var passed = arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == parameter.Name)
                             ?? (parameter.Ordinal < arguments.Count && arguments[parameter.Ordinal].NameColon is null ? arguments[parameter.Ordinal] : null);
                if (passed?.Expression is not LiteralExpressionSyntax literal
                    || !(literal.IsKind(SyntaxKind.TrueLiteralExpression) || literal.IsKind(SyntaxKind.FalseLiteralExpression)))
                {
                    return false;
                }

                calls++;
            }
        }

        return calls > 0;
    }

    /// <summary>A condition the fix may repeat around the release: a local or parameter, possibly negated.</summary>
    private static bool SimpleGuard(IOperation condition)
    {
        while (condition is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not)
        {
            condition = not.Operand;
        }

        return condition is ILocalReferenceOperation or IParameterReferenceOperation;
    }

    /// <summary>Whether <paramref name="release"/> sits in a <c>catch</c> whose <c>try</c> also releases the lock in its <c>finally</c>.</summary>
    private static bool ReleasedAgainInFinally(LockCall release, LockCallSet set)
    {
        for (var current = release.Invocation.Parent; current is not null and not (IAnonymousFunctionOperation or ILocalFunctionOperation); current = current.Parent)
        {
            if (current is ICatchClauseOperation { Parent: ITryOperation { Finally: { } @finally } }
                && set.SameLock(release, acquires: false).Any(other => OperationTree.IsWithin(other.Invocation, @finally)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether <paramref name="acquire"/>, inside <paramref name="within"/>, has its own <c>try</c> whose <c>finally</c>
    /// releases it: it sits in that try's body or right before it. Such an acquire is balanced on its own (a nested
    /// re-entry is FL2002's finding), so it does not pair with the release of an outer <c>finally</c>.
    /// </summary>
    private static bool ReleasedByItsOwnTry(LockCall acquire, IOperation within, LockCallSet set)
    {
        IOperation child = acquire.Invocation;
        for (var current = child.Parent; current is not null && current != within; child = current, current = current.Parent)
        {
            if (current is ITryOperation inner && inner.Body == child && set.FinallyReleases(inner, acquire))
            {
                return true;
            }
        }

        if (OperationTree.StatementOf(acquire.Invocation) is not { } statement)
        {
            return false;
        }

        var list = OperationTree.StatementsOf(statement.Parent);
        var index = list.IndexOf(statement);
        return index >= 0 && index + 1 < list.Length && list[index + 1] is ITryOperation next && set.FinallyReleases(next, acquire);
    }

    /// <summary>
    /// The exit (<c>return</c> or <c>throw</c>) that follows <paramref name="release"/> in its statement list and leaves
    /// a <c>try</c> whose <c>finally</c> releases the same lock again, when the lock was acquired once before that
    /// <c>try</c>: <c>if (idle) { gate.Release(); return c; } … finally { gate.Release(); }</c> releases twice.
    /// </summary>
    private static string? ExitReleasedAgain(LockCall release, LockCallSet set)
    {
        if (OperationTree.StatementOf(release.Invocation) is not IExpressionStatementOperation { Parent: { } owner } statement
            || statement.Operation != release.Invocation)
        {
            return null;
        }

        var body = OperationTree.BodyOf(release.Invocation);
        var sameLock = set.Calls.Where(call => call != release && call.SameLockAs(release) && OperationTree.BodyOf(call.Invocation) == body).ToList();
        var list = OperationTree.StatementsOf(owner);
        string? exit = null;
        for (var i = list.IndexOf(statement) + 1; i < list.Length && exit is null; i++)
        {
            if (sameLock.Any(call => OperationTree.IsWithin(call.Invocation, list[i])))
            {
                return null; // acquired again (or released again) before leaving: not this shape
            }

            exit = list[i] switch
            {
                IReturnOperation { IsImplicit: false, Kind: OperationKind.Return } => "return",
                IThrowOperation or IExpressionStatementOperation { Operation: IThrowOperation } => "throw",
                _ when OperationTree.AlwaysExits(list[i]) => string.Empty,
                _ => null,
            };
        }

        if (string.IsNullOrEmpty(exit))
        {
            return null;
        }

        // Climb to the try whose body holds the release; an inner try on the way must leave the lock alone.
        IOperation child = owner;
        for (var current = owner.Parent; current is not null; child = current, current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return null;
            }

            if (current is not ITryOperation @try)
            {
                continue;
            }

            if (@try.Body != child)
            {
                return null; // in a catch (FL2003's catch-and-finally case) or a finally
            }

            var inFinally = @try.Finally is { } @finally ? sameLock.Where(call => OperationTree.IsWithin(call.Invocation, @finally)).ToList() : new List<LockCall>();
            if (inFinally.Count == 0)
            {
                continue;
            }

            return inFinally.All(call => !call.IsAcquire && !OperationTree.IsConditionallyExecuted(call.Invocation, @try.Finally!))
                   && !set.Memo(ExtraReleases).Overlaps(inFinally)
                   && !sameLock.Any(call => call.IsAcquire && OperationTree.IsWithin(call.Invocation, @try.Body))
                   && HeldOnceBefore(@try, sameLock)
                ? exit
                : null;
        }

        return null;
    }

    /// <summary>Whether exactly one acquisition of the lock comes after its last release before <paramref name="try"/>.</summary>
    private static bool HeldOnceBefore(ITryOperation @try, List<LockCall> sameLock)
    {
        var held = 0;
        foreach (var call in sameLock)
        {
            if (call.Invocation.Syntax.SpanStart >= @try.Syntax.SpanStart)
            {
                break;
            }

            held = call.IsAcquire ? held + 1 : 0;
        }

        return held == 1;
    }

    private static ILocalSymbol? GuardLocal(LockCall acquire) => acquire.Flag ?? LockCallSet.ResultLocal(acquire);

    /// <summary>
    /// Whether a condition that mentions <paramref name="local"/> comes before <paramref name="release"/> in its
    /// body: <c>if (taken) Release();</c>, or <c>if (!taken) return;</c> ahead of it.
    /// </summary>
    private static bool GuardedBy(ILocalSymbol? local, LockCall release)
    {
        if (local is null)
        {
            return false;
        }

        var start = release.Invocation.Syntax.SpanStart;
        var root = OperationTree.BodyOf(release.Invocation) ?? OperationTree.Root(release.Invocation);
        foreach (var operation in OperationTree.DescendantsInBody(root))
        {
            if (operation is IConditionalOperation conditional && conditional.Syntax.SpanStart < start
                && OperationTree.References(conditional.Condition, local))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Releases that run when the straight-line path before them has already released every acquisition: each
    /// statement list is walked in order (into <c>try</c> bodies, then their <c>finally</c>), counting unconditional
    /// acquisitions and releases per lock. Anything the walk cannot follow (a release in a branch or loop) makes the
    /// count of that lock unknown, so only certain extra releases are reported.
    /// </summary>
    private static HashSet<LockCall> ExtraReleases(LockCallSet set)
    {
        var extra = new HashSet<LockCall>();
        var byInvocation = set.Calls.ToDictionary(call => (IOperation)call.Invocation);
        var visited = new HashSet<IOperation>();
        foreach (var call in set.Calls)
        {
            if (call.Shape is not (AcquireShape.Unconditional or AcquireShape.EnterWithFlag) || call.Key is null)
            {
                continue;
            }

            if (OperationTree.StatementOf(call.Invocation) is not { Parent: { } owner } || !visited.Add(owner))
            {
                continue;
            }

            var counts = new Dictionary<LockKey, int>();
            Walk(OperationTree.StatementsOf(owner), counts, byInvocation, extra);
        }

        return extra;
    }

    private static void Walk(ImmutableArray<IOperation> statements, Dictionary<LockKey, int> counts, Dictionary<IOperation, LockCall> calls, HashSet<LockCall> extra)
    {
        foreach (var statement in statements)
        {
            switch (statement)
            {
                case IExpressionStatementOperation expression when DirectCall(expression, calls) is { Key: { } key } call:
                    if (call.IsAcquire)
                    {
                        // A TryEnter's outcome is unknown here; an unconditional acquire adds one hold.
                        if (call.Shape is AcquireShape.TryResult or AcquireShape.TryWithFlag)
                        {
                            counts.Remove(key);
                        }
                        else
                        {
                            counts[key] = counts.TryGetValue(key, out var held) ? Math.Min(held + 1, 8) : 1;
                        }
                    }
                    else if (counts.TryGetValue(key, out var count))
                    {
                        if (count == 0)
                        {
                            extra.Add(call);
                        }
                        else
                        {
                            counts[key] = count - 1;
                        }
                    }

                    break;
                case ITryOperation @try when @try.Catches.IsEmpty:
                    Walk(@try.Body.Operations, counts, calls, extra);
                    if (@try.Finally is { } @finally)
                    {
                        Walk(@finally.Operations, counts, calls, extra);
                    }

                    break;
                case IBlockOperation block:
                    Walk(block.Operations, counts, calls, extra);
                    break;
                default:
                    // A lock touched where the walk cannot follow (branches, loops, catches): forget its count.
                    foreach (var operation in OperationTree.DescendantsInBody(statement))
                    {
                        if (operation is IInvocationOperation && calls.TryGetValue(operation, out var touched) && touched.Key is not null)
                        {
                            counts.Remove(touched.Key);
                        }
                    }

                    break;
            }
        }
    }

    private static LockCall? DirectCall(IExpressionStatementOperation statement, Dictionary<IOperation, LockCall> calls)
    {
        var operation = statement.Operation;
        if (operation is IAwaitOperation await)
        {
            operation = await.Operation;
        }

        return calls.TryGetValue(operation, out var call) ? call : null;
    }
}
