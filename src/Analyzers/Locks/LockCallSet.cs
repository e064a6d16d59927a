using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Forklift.Analyzers.Locks;

/// <summary>The acquisitions and releases of one operation block (a method, accessor, or initializer).</summary>
internal sealed class LockCallSet
{
    /// <summary>How deep a helper called from a <c>finally</c> is followed to find the release it performs.</summary>
    private const int HelperDepth = 2;

    private readonly LockApis _apis;

    /// <summary>The lock APIs the calls were classified with.</summary>
    public LockApis Apis => _apis;

    private object? _memo;

    private LockCallSet(LockApis apis, List<LockCall> calls, bool hasAcquire)
    {
        _apis = apis;
        Calls = calls;
        HasAcquire = hasAcquire;
    }

    /// <summary>Every lock call of the block, lambdas and local functions included, in source order.</summary>
    public List<LockCall> Calls { get; }

    /// <summary>Whether any call acquires; a release without any acquisition in the block belongs to a lock its caller took.</summary>
    public bool HasAcquire { get; }

    /// <summary>
    /// Registers <paramref name="analyze"/> for every lock call that <paramref name="interesting"/> selects, in a block
    /// that acquires a lock, together with the set of that block's lock calls.
    /// </summary>
    /// <remarks>
    /// One semantic-model action per file, not an action per method or per invocation: an operation-block start
    /// action costs the driver a context, block actions and a dispatch table for every method, accessor and
    /// initializer, and an invocation action is still one timed call per invocation of the project, although nearly
    /// none of them is a lock call. Here only the invocations named like a lock method are bound (from the driver's
    /// cached semantic model, so bodies bound for other analyzers are not bound again); <see cref="LockSyntax"/> finds
    /// them once per file for all the lock rules, and skips a file whose text names no lock method without walking it. A block's
    /// lock calls are collected once, on its first lock call, and kept per operation tree root, weakly, so the set
    /// lives no longer than the tree. Generated code stays unanalyzed: the driver skips generated files and drops
    /// what is reported inside <c>[GeneratedCode]</c> declarations (pinned by LockCallFilterTests).
    /// </remarks>
    public static void Register(CompilationStartAnalysisContext context, LockApis apis, Func<LockCall, bool> interesting, Action<LockCall, LockCallSet, Action<Diagnostic>> analyze)
    {
        var sets = new ConditionalWeakTable<IOperation, LockCallSet>();
        ConditionalWeakTable<IOperation, LockCallSet>.CreateValueCallback collect = root => Collect(root, apis);
        context.RegisterSemanticModelAction(modelContext =>
        {
            var model = modelContext.SemanticModel;
            var cancellationToken = modelContext.CancellationToken;
            foreach (var node in LockSyntax.Of(model.SyntaxTree, cancellationToken).Nodes)
            {
                if (node is not InvocationExpressionSyntax syntax)
                {
                    continue;
                }

                cancellationToken.ThrowIfCancellationRequested();
                if (model.GetOperation(syntax, cancellationToken) is not IInvocationOperation invocation
                    || apis.Classify(invocation) is not { } candidate || !interesting(candidate))
                {
                    continue;
                }

                var set = sets.GetValue(OperationTree.Root(invocation), collect);
                if (set.HasAcquire && set.Find(invocation) is { } call)
                {
                    analyze(call, set, modelContext.ReportDiagnostic);
                }
            }
        });
    }

    /// <summary>
    /// A value computed once per set (for example FL2003's straight-line release counts), shared by the calls of the
    /// block. Each analyzer keeps its own sets, so one slot is enough.
    /// </summary>
    public T Memo<T>(Func<LockCallSet, T> compute)
        where T : class
    {
        if (Volatile.Read(ref _memo) is T value)
        {
            return value;
        }

        // Two threads may both compute it; the value is a pure function of the set, so either result is the same.
        Interlocked.CompareExchange(ref _memo, compute(this), null);
        return (T)_memo!;
    }

    /// <summary>The lock calls of another operation tree (a method the block hands a callback to), classified alike.</summary>
    public LockCallSet Of(IOperation root) => Collect(root, _apis);

    private static LockCallSet Collect(IOperation root, LockApis apis)
    {
        // Every operation of the tree, lambdas and local functions included, as the driver's walk would visit them.
        var calls = new List<LockCall>();
        var hasAcquire = false;
        foreach (var operation in root.DescendantsAndSelf())
        {
            if (operation is IInvocationOperation invocation && apis.Classify(invocation) is { } call)
            {
                calls.Add(call);
                hasAcquire |= call.IsAcquire;
            }
        }

        calls.Sort((x, y) => x.Invocation.Syntax.SpanStart.CompareTo(y.Invocation.Syntax.SpanStart));
        return new LockCallSet(apis, calls, hasAcquire);
    }

    private LockCall? Find(IInvocationOperation invocation)
    {
        foreach (var call in Calls)
        {
            if (call.Invocation == invocation)
            {
                return call;
            }
        }

        return null;
    }

    /// <summary>Calls on the same lock as <paramref name="call"/>, in the same body, of the given direction.</summary>
    public IEnumerable<LockCall> SameLock(LockCall call, bool acquires)
    {
        var body = OperationTree.BodyOf(call.Invocation);
        foreach (var other in Calls)
        {
            if (other != call && other.IsAcquire == acquires && other.SameLockAs(call) && OperationTree.BodyOf(other.Invocation) == body)
            {
                yield return other;
            }
        }
    }

    /// <summary>Whether the <c>finally</c> of <paramref name="try"/> releases the lock of <paramref name="acquire"/>, itself or through a helper.</summary>
    public bool FinallyReleases(ITryOperation @try, LockCall acquire)
    {
        if (@try.Finally is not { } @finally)
        {
            return false;
        }

        foreach (var release in SameLock(acquire, acquires: false))
        {
            if (OperationTree.IsWithin(release.Invocation, @finally))
            {
                return true;
            }
        }

        foreach (var operation in OperationTree.DescendantsInBody(@finally))
        {
            if (operation is IInvocationOperation invocation && _apis.Classify(invocation) is null
                && HelperReleases(invocation.TargetMethod, acquire.Family, acquire.Invocation.SemanticModel, HelperDepth))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether a source method called from a <c>finally</c> releases a lock of <paramref name="family"/> (for example
    /// a releaser's <c>Dispose</c>). Only methods in the same file can be read without another semantic model; a
    /// source method in another file is assumed to release, so the rule stays silent rather than guess.
    /// </summary>
    private bool HelperReleases(IMethodSymbol method, LockFamily family, SemanticModel? model, int depth)
    {
        if (depth == 0 || method.DeclaringSyntaxReferences.IsEmpty)
        {
            return false;
        }

        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            if (model is null || reference.SyntaxTree != model.SyntaxTree)
            {
                return true;
            }

            if (model.GetOperation(reference.GetSyntax()) is not { } body)
            {
                continue;
            }

            foreach (var operation in body.DescendantsAndSelf())
            {
                if (operation is not IInvocationOperation invocation)
                {
                    continue;
                }

                if (_apis.Classify(invocation) is { } call)
                {
                    if (!call.IsAcquire && call.Family == family)
                    {
                        return true;
                    }
                }
                else if (!SymbolEqualityComparer.Default.Equals(invocation.TargetMethod, method)
                         && HelperReleases(invocation.TargetMethod, family, model, depth - 1))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The operation that carries the value of <paramref name="invocation"/> once <c>await</c>, <c>ConfigureAwait</c>
    /// and conversions are looked through.
    /// </summary>
    public static IOperation ValueOf(IOperation invocation)
    {
        var current = invocation;
        while (true)
        {
            switch (current.Parent)
            {
                case IAwaitOperation or IConversionOperation:
                    current = current.Parent;
                    continue;
                case IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configureAwait when configureAwait.Instance == current:
                    current = configureAwait;
                    continue;
                case IConditionalOperation conditional when conditional.WhenTrue == current || conditional.WhenFalse == current:
                    // `var taken = async ? await s.WaitAsync(t) : s.Wait(t);`: either arm's value is the result.
                    current = conditional;
                    continue;
                default:
                    return current;
            }
        }
    }

    /// <summary>Whether the <see langword="bool"/> result of <paramref name="acquire"/> is thrown away.</summary>
    public static bool ResultDiscarded(LockCall acquire)
    {
        var value = ValueOf(acquire.Invocation);
        return value.Parent is IExpressionStatementOperation
               || (value.Parent is ISimpleAssignmentOperation { Target: IDiscardOperation } assignment && assignment.Value == value);
    }

    /// <summary>The local that stores the <see langword="bool"/> result of <paramref name="acquire"/>, if any.</summary>
    public static ILocalSymbol? ResultLocal(LockCall acquire)
    {
        var value = ValueOf(acquire.Invocation);
        return value.Parent switch
        {
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
            ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } assignment when assignment.Value == value => local.Local,
            _ => null,
        };
    }
}
