using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Forklift.Analyzers.Locks;

/// <summary>Computes the <see cref="LockSummary"/> of a method body and of each local function in it.</summary>
/// <remarks>
/// A lock statement holds its lock over its body. A call that acquires holds the lock from the call to the first
/// release of the same lock after it in the same body (in source order, so a release in the <c>finally</c> after a
/// <c>try</c> body ends the region), or to the end of the body when nothing releases it. Lambdas run at some other
/// time, so they are neither summarized nor counted as running under the locks around them.
/// </remarks>
internal static class LockSummaryBuilder
{
    public static IEnumerable<LockSummary> Build(IOperation root, IMethodSymbol owner, LockApis apis, CancellationToken cancellationToken)
    {
        yield return BuildBody(root, owner, apis, cancellationToken);
        foreach (var operation in root.Descendants())
        {
            if (operation is ILocalFunctionOperation { Body: { } body } function)
            {
                yield return BuildBody(body, function.Symbol, apis, cancellationToken);
            }
        }
    }

    /// <summary>
    /// The operations sorted by where their syntax starts, those that start together in the order given. Each start is
    /// read once: a sort that compared starts read two per comparison, and a node's start counts the trivia before its
    /// first token (a fifth of the lock summaries' CPU samples on NLog).
    /// </summary>
    private static IOperation[] InSourceOrder(IOperation[] operations)
    {
        var keys = new long[operations.Length];
        for (var i = 0; i < operations.Length; i++)
        {
            keys[i] = ((long)operations[i].Syntax.SpanStart << 32) | (uint)i;
        }

        Array.Sort(keys);
        var sorted = new IOperation[operations.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            sorted[i] = operations[(int)(keys[i] & uint.MaxValue)];
        }

        return sorted;
    }

    private static LockSummary BuildBody(IOperation body, IMethodSymbol owner, LockApis apis, CancellationToken cancellationToken)
    {
        var operations = InSourceOrder(OperationTree.DescendantsInBody(body).ToArray());

        // Pass 1: what acquires and releases, and over which span each acquisition is held.
        var regions = new List<Region>();
        var calls = new List<Pair<LockCall, Acquisition>>();
        var releases = new List<LockCall>();
        var entries = new List<Pair<IOperation, Acquisition?>>();
        foreach (var operation in operations)
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (operation)
            {
                case ILockOperation @lock when LockKey.From(@lock.LockedValue) is { } key:
                    var mode = @lock.LockedValue.Type?.Name == "Lock" && @lock.LockedValue.Type.ContainingNamespace?.ToDisplayString() == "System.Threading" ? LockMode.Lock : LockMode.Monitor;
                    var statement = new Acquisition(key, mode, @lock.LockedValue.Syntax.ToString(), @lock.LockedValue.Syntax.GetLocation(), blocks: true, isCall: false, Reentrancy.Reentrant);
                    regions.Add(new Region(statement, @lock.Syntax, @lock.Body.Syntax.SpanStart, @lock.Body.Syntax.Span.End));
                    entries.Add(new(operation, statement));
                    break;
                case IInvocationOperation invocation when apis.Classify(invocation) is { } call:
                    if (call.IsAcquire && call.Key is not null && apis.IsReacquire(call))
                    {
                        // The caller's hold, given up around a callback and taken back: no acquisition of this method's.
                        break;
                    }

                    if (call.IsAcquire && call.Key is not null)
                    {
                        var acquisition = new Acquisition(
                            call.Key,
                            ModeOf(call.Family),
                            call.DisplayName,
                            invocation.Syntax.GetLocation(),
                            // A wait whose task is kept, not awaited here ('queued = _connect.WaitAsync(ct);', awaited after
                            // the caller leaves its lock: grpc-dotnet's subchannel), blocks nobody at this call.
                            blocks: call.Shape is AcquireShape.Unconditional or AcquireShape.EnterWithFlag && Joined(invocation),
                            isCall: true,
                            ReentrancyOf(call, apis),
                            OperationTree.SkippedWhen(invocation, owner),
                            isAsync: invocation.TargetMethod.Name.EndsWith("Async", StringComparison.Ordinal));
                        calls.Add(new(call, acquisition));
                        entries.Add(new(operation, acquisition));
                    }
                    else if (!call.IsAcquire)
                    {
                        releases.Add(call);
                    }

                    break;
                case IInvocationOperation or IAwaitOperation:
                case IPropertyReferenceOperation { Parent: not INameOfOperation }:
                case IForEachLoopOperation { IsAsynchronous: true }:
                case IUsingOperation { IsAsynchronous: true }:
                case IUsingDeclarationOperation { IsAsynchronous: true }:
                    entries.Add(new(operation, null));
                    break;
            }
        }

        foreach (var (call, acquisition) in calls)
        {
            var start = call.Invocation.Syntax.Span.End;
            var end = int.MaxValue;
            foreach (var release in releases)
            {
                // Releases are in source order: the first one after the acquire ends the region.
                if (release.Invocation.Syntax.SpanStart >= start && release.SameLockAs(call))
                {
                    end = release.Invocation.Syntax.SpanStart;
                    break;
                }
            }

            regions.Add(new Region(acquisition, call.Invocation.Syntax, start, end));
        }

        // Pass 2: what is held at each acquisition, call and await.
        var acquisitions = ImmutableArray.CreateBuilder<HeldAcquisition>();
        var sites = ImmutableArray.CreateBuilder<CallSite>();
        var awaits = ImmutableArray.CreateBuilder<HeldAwait>();
        foreach (var (operation, acquisition) in entries)
        {
            var held = HeldAt(operation.Syntax, regions, acquisition);
            if (acquisition is not null)
            {
                acquisitions.Add(new HeldAcquisition(acquisition, held));
            }
            else if (operation is IInvocationOperation invocation)
            {
                AddSite(sites, invocation.TargetMethod, invocation.Instance, invocation.Syntax, held, OperationTree.ConstantFlags(invocation), Joined(invocation), OperationTree.ForwardedFlags(invocation, owner));
            }
            else if (operation is IPropertyReferenceOperation property)
            {
                // A property or indexer runs its accessors like a method: `if (Count < 10)` calls get_Count.
                foreach (var accessor in AccessorsRun(property))
                {
                    if (!IsAutoAccessor(accessor))
                    {
                        AddSite(sites, accessor, property.Instance, property.Syntax, held, ImmutableArray<(int, bool)>.Empty);
                    }
                }
            }
            else if (!held.IsEmpty)
            {
                awaits.Add(new HeldAwait(AwaitLocation(operation), held));
            }
        }

        return new LockSummary(owner, acquisitions.ToImmutable(), sites.ToImmutable(), awaits.ToImmutable());
    }

    private static void AddSite(ImmutableArray<CallSite>.Builder sites, IMethodSymbol callee, IOperation? instance, SyntaxNode syntax, ImmutableArray<Acquisition> held, ImmutableArray<(int Ordinal, bool Value)> constantFlags, bool joined = true, int[]? forwarded = null)
    {
        if (callee.DeclaringSyntaxReferences.IsEmpty)
        {
            return;
        }

        // An object or collection initializer's implicit receiver is the new object, not the caller's `this`.
        var onThis = callee.IsStatic || callee.MethodKind == MethodKind.LocalFunction
                     || instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance };
        sites.Add(new CallSite(callee.OriginalDefinition, syntax.GetLocation(), onThis, held, constantFlags, joined, forwarded));
    }

    /// <summary>
    /// Whether the caller waits here for what <paramref name="call"/> started (see <see cref="CallSite.Joined"/>): a
    /// method that returns no task, or a task awaited (through <c>ConfigureAwait</c>) or waited on at once.
    /// </summary>
    private static bool Joined(IInvocationOperation call)
    {
        if (call.TargetMethod.ReturnType is not INamedTypeSymbol { Name: "Task" or "ValueTask" } returned
            || returned.ContainingNamespace?.ToDisplayString() != "System.Threading.Tasks")
        {
            return true;
        }

        IOperation task = call;
        while (task.Parent is IConversionOperation or IInvocationOperation { TargetMethod.Name: "ConfigureAwait" })
        {
            task = task.Parent;
        }

        return task.Parent switch
        {
            IAwaitOperation => true,
            IInvocationOperation { TargetMethod.Name: "Wait" or "GetAwaiter" } => true,
            IPropertyReferenceOperation { Property.Name: "Result" } => true,
            _ => false,
        };
    }

    /// <summary>The accessors a property reference runs: the setter when assigned, both for `+=`, `++` and `??=`, else the getter.</summary>
    private static IEnumerable<IMethodSymbol> AccessorsRun(IPropertyReferenceOperation reference)
    {
        var (gets, sets) = reference.Parent switch
        {
            ISimpleAssignmentOperation assignment when assignment.Target == reference => (false, true),
            ICompoundAssignmentOperation compound when compound.Target == reference => (true, true),
            ICoalesceAssignmentOperation coalesce when coalesce.Target == reference => (true, true),
            IIncrementOrDecrementOperation => (true, true),
            _ => (true, false),
        };

        if (gets && reference.Property.GetMethod is { } getter)
        {
            yield return getter;
        }

        if (sets && reference.Property.SetMethod is { } setter)
        {
            yield return setter;
        }
    }

    /// <summary>Whether <paramref name="accessor"/> is an auto-property's <c>get;</c>/<c>set;</c>/<c>init;</c>, which takes no lock.</summary>
    private static bool IsAutoAccessor(IMethodSymbol accessor)
    {
        foreach (var reference in accessor.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is not Microsoft.CodeAnalysis.CSharp.Syntax.AccessorDeclarationSyntax { Body: null, ExpressionBody: null })
            {
                return false;
            }
        }

        return true;
    }

    private static ImmutableArray<Acquisition> HeldAt(SyntaxNode at, List<Region> regions, Acquisition? self)
    {
        var position = at.SpanStart;
        var held = ImmutableArray<Acquisition>.Empty;
        foreach (var region in regions)
        {
            if (region.Lock != self && position >= region.Start && position < region.End && !InExclusiveBranches(region.Taken, at) && !InFailedBranch(region.Taken, at))
            {
                held = held.Add(region.Lock);
            }
        }

        return held;
    }

    /// <summary>
    /// Whether <paramref name="at"/> is in the branch an <c>if</c> takes when the try-acquire <paramref name="taken"/>
    /// that is its condition failed: the block of <c>if (!s.Wait(0)) { … }</c>, or the <c>else</c> of
    /// <c>if (s.Wait(0)) { … } else { … }</c>. Nothing is held there (grpc-dotnet's subchannel queues a
    /// <c>WaitAsync</c> for the permit another connect holds).
    /// </summary>
    private static bool InFailedBranch(SyntaxNode taken, SyntaxNode at)
    {
        var negated = false;
        SyntaxNode node = taken;
        while (node.Parent is ParenthesizedExpressionSyntax
               or PrefixUnaryExpressionSyntax { RawKind: (int)Microsoft.CodeAnalysis.CSharp.SyntaxKind.LogicalNotExpression })
        {
            negated ^= node.Parent is PrefixUnaryExpressionSyntax;
            node = node.Parent;
        }

        if (node.Parent is not IfStatementSyntax check || check.Condition != node)
        {
            return false;
        }

        var failed = negated ? (SyntaxNode)check.Statement : check.Else;
        return failed is not null && failed.Span.Contains(at.Span);
    }

    /// <summary>
    /// Whether <paramref name="a"/> and <paramref name="b"/> sit in two branches of one choice, so that no run reaches
    /// both: the two arms of an <c>if</c>/<c>else</c> (MySqlConnector's <c>if (async) await s.WaitAsync(); else
    /// s.Wait();</c>, released in one <c>finally</c> after both), of a conditional expression, or two sections of a
    /// <c>switch</c>. A region that starts in one arm runs on, in source order, over the other.
    /// </summary>
    private static bool InExclusiveBranches(SyntaxNode a, SyntaxNode b)
    {
        foreach (var ancestor in a.Ancestors())
        {
            if (!ancestor.Span.Contains(b.Span))
            {
                continue;
            }

            // The nearest node that holds both decides.
            return ancestor switch
            {
                IfStatementSyntax { Else: { } @else } choice => (choice.Statement.Span.Contains(a.Span) && @else.Span.Contains(b.Span))
                                                                || (@else.Span.Contains(a.Span) && choice.Statement.Span.Contains(b.Span)),
                ConditionalExpressionSyntax choice => (choice.WhenTrue.Span.Contains(a.Span) && choice.WhenFalse.Span.Contains(b.Span))
                                                      || (choice.WhenFalse.Span.Contains(a.Span) && choice.WhenTrue.Span.Contains(b.Span)),
                SwitchStatementSyntax choice => SectionOf(choice, a) is { } first && SectionOf(choice, b) is { } second && first != second,
                _ => false,
            };
        }

        return false;
    }

    private static SwitchSectionSyntax? SectionOf(SwitchStatementSyntax choice, SyntaxNode node)
    {
        foreach (var section in choice.Sections)
        {
            if (section.Span.Contains(node.Span))
            {
                return section;
            }
        }

        return null;
    }

    /// <summary>The <c>await</c> keyword's place: the await expression, or the <c>await foreach</c>/<c>await using</c> statement's first line.</summary>
    private static Location AwaitLocation(IOperation operation)
    {
        var syntax = operation.Syntax;
        return operation is IAwaitOperation
            ? syntax.GetLocation()
            : Location.Create(syntax.SyntaxTree, new Microsoft.CodeAnalysis.Text.TextSpan(syntax.SpanStart, Math.Max(0, syntax.GetFirstToken().GetNextToken().Span.End - syntax.SpanStart)));
    }

    private static LockMode ModeOf(LockFamily family) => family switch
    {
        LockFamily.Monitor => LockMode.Monitor,
        LockFamily.Lock => LockMode.Lock,
        LockFamily.SemaphoreSlim or LockFamily.Semaphore => LockMode.Semaphore,
        LockFamily.Mutex => LockMode.Mutex,
        LockFamily.ReadLock => LockMode.Read,
        LockFamily.WriteLock => LockMode.Write,
        LockFamily.UpgradeableReadLock => LockMode.Upgradeable,
        LockFamily.SpinLock => LockMode.SpinLock,
        _ => LockMode.ReaderWriterLock,
    };

    private static Reentrancy ReentrancyOf(LockCall call, LockApis apis)
    {
        switch (call.Family)
        {
            case LockFamily.SpinLock:
                return Reentrancy.SpinLock;
            case LockFamily.SemaphoreSlim or LockFamily.Semaphore:
                return apis.CreationOf(call)?.IsSinglePermit == true ? Reentrancy.SinglePermitSemaphore : Reentrancy.Unknown;
            case LockFamily.ReadLock or LockFamily.WriteLock or LockFamily.UpgradeableReadLock:
                return apis.CreationOf(call) is { IsKnown: true, SupportsRecursion: false } ? Reentrancy.NoRecursionReaderWriterLock : Reentrancy.Unknown;
            case LockFamily.Monitor or LockFamily.Lock or LockFamily.Mutex:
                return Reentrancy.Reentrant;
            default:
                return Reentrancy.Unknown;
        }
    }

    // Classes, not tuples, in the lists below: see CompositeKey.

    /// <summary>An acquisition and the span of source over which it is held.</summary>
    private sealed class Region
    {
        public Region(Acquisition @lock, SyntaxNode taken, int start, int end)
        {
            Lock = @lock;
            Taken = taken;
            Start = start;
            End = end;
        }

        public Acquisition Lock { get; }

        /// <summary>The lock statement or acquiring call that starts the region.</summary>
        public SyntaxNode Taken { get; }

        public int Start { get; }

        public int End { get; }
    }

    /// <summary>Two things found together in the first pass (a lock call and its acquisition, an operation and what it acquires).</summary>
    private sealed class Pair<TFirst, TSecond>
        where TFirst : class
    {
        public Pair(TFirst first, TSecond second)
        {
            First = first;
            Second = second;
        }

        public TFirst First { get; }

        public TSecond Second { get; }

        public void Deconstruct(out TFirst first, out TSecond second)
        {
            first = First;
            second = Second;
        }
    }
}
