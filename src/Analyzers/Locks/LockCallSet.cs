using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Forklift.Analyzers.Locks;

/// <summary>The acquisitions and releases of one operation block (a method, accessor, or initializer).</summary>
internal sealed class LockCallSet
{
    /// <summary>How deep a helper called from a <c>finally</c> is followed to find the release it performs.</summary>
    private const int HelperDepth = 2;

    private readonly LockApis _apis;

    private LockCallSet(LockApis apis, List<LockCall> calls)
    {
        _apis = apis;
        Calls = calls;
    }

    public List<LockCall> Calls { get; }

    /// <summary>
    /// Registers the collection of lock calls for one operation block and runs <paramref name="analyze"/> at its end,
    /// only when the block acquires a lock. The driver's own walk over invocations does the collecting, so a method
    /// without lock calls costs one type comparison per invocation and nothing else.
    /// </summary>
    public static void Register(OperationBlockStartAnalysisContext context, LockApis apis, Action<OperationBlockAnalysisContext, LockCallSet> analyze)
    {
        var calls = new List<LockCall>();
        var hasAcquire = false;
        context.RegisterOperationAction(
            operation =>
            {
                if (apis.Classify((IInvocationOperation)operation.Operation) is { } call)
                {
                    lock (calls)
                    {
                        calls.Add(call);
                        hasAcquire |= call.IsAcquire;
                    }
                }
            },
            OperationKind.Invocation);
        context.RegisterOperationBlockEndAction(end =>
        {
            // A release without any acquisition in the method belongs to a lock its caller took.
            if (hasAcquire)
            {
                calls.Sort((x, y) => x.Invocation.Syntax.SpanStart.CompareTo(y.Invocation.Syntax.SpanStart));
                analyze(end, new LockCallSet(apis, calls));
            }
        });
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
