using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// What a method's syntax says about the parts of its <see cref="MethodSummary"/> that matter before it is reached
/// through a call, so that <see cref="TypeConcurrency"/> binds a body only when its summary can change a verdict.
/// </summary>
/// <remarks>
/// Each fact over-approximates by name: a method without the syntax cannot have the summary part (a
/// <see cref="MethodSummary.Synchronization"/> needs a <c>lock</c> or a call named like a synchronization member; a
/// <see cref="MethodSummary.DelegateTargets"/> entry needs a name of one of the type's methods that is not called;
/// deferred accesses need a lambda, anonymous method or local function). A method with none of them is bound only if
/// it is an entry callers call, or when a composed call reaches it.
/// </remarks>
internal readonly struct MethodSyntaxFacts
{
    /// <summary>Members of <c>Interlocked</c>, <c>Volatile</c> and the lock types whose calls count as synchronization (see MethodSummaryBuilder).</summary>
    private static readonly HashSet<string> SynchronizationCalls = new(StringComparer.Ordinal)
    {
        // Interlocked and Volatile: any member that takes a field.
        "Add", "And", "CompareExchange", "Decrement", "Exchange", "Increment", "Or", "Read", "Write", "MemoryBarrier",
        "MemoryBarrierProcessWide", "ReadBarrier", "WriteBarrier",

        // Monitor, SemaphoreSlim, ReaderWriterLockSlim, Lock, SpinLock, Mutex: the acquires.
        "Enter", "TryEnter", "Wait", "WaitAsync", "EnterScope", "EnterWriteLock", "EnterReadLock", "EnterUpgradeableReadLock",
        "TryEnterWriteLock", "TryEnterReadLock", "WaitOne",
    };

    private MethodSyntaxFacts(bool known, bool maySynchronize, bool mayReferenceOwnMethod, bool hasDeferredCode)
    {
        Known = known;
        MaySynchronize = maySynchronize;
        MayReferenceOwnMethod = mayReferenceOwnMethod;
        HasDeferredCode = hasDeferredCode;
    }

    /// <summary>False when the method's declaration is not one whose syntax was read (then every fact is assumed).</summary>
    public bool Known { get; }

    public bool MaySynchronize { get; }

    public bool MayReferenceOwnMethod { get; }

    public bool HasDeferredCode { get; }

    /// <summary>Whether the summary can matter without the method being reached by a call or being an entry.</summary>
    public bool MattersUnreached => !Known || MaySynchronize || MayReferenceOwnMethod;

    /// <summary>Reads the declarations of <paramref name="method"/>; <paramref name="ownMethodNames"/> are the names of its type's methods.</summary>
    public static MethodSyntaxFacts Of(IMethodSymbol method, HashSet<string> ownMethodNames, CancellationToken cancellationToken)
    {
        bool maySynchronize = false, mayReference = false, deferred = false;
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax(cancellationToken);
            if (syntax is not (BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or ArrowExpressionClauseSyntax))
            {
                return new MethodSyntaxFacts(known: false, true, true, true);
            }

            foreach (var node in syntax.DescendantNodes())
            {
                switch (node)
                {
                    case LockStatementSyntax:
                        maySynchronize = true;
                        break;
                    case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax:
                        deferred = true;
                        break;
                    case SimpleNameSyntax name when ownMethodNames.Contains(name.Identifier.ValueText):
                        mayReference |= !IsCalled(name);
                        maySynchronize |= SynchronizationCalls.Contains(name.Identifier.ValueText) && IsCalled(name);
                        break;
                    case SimpleNameSyntax name when SynchronizationCalls.Contains(name.Identifier.ValueText) && IsCalled(name):
                        maySynchronize = true;
                        break;
                }
            }
        }

        return new MethodSyntaxFacts(known: true, maySynchronize, mayReference, deferred);
    }

    /// <summary>Whether the name is what an invocation calls: <c>M(…)</c>, <c>x.M(…)</c>, <c>x?.M(…)</c>.</summary>
    private static bool IsCalled(SimpleNameSyntax name)
    {
        SyntaxNode expression = name.Parent is MemberAccessExpressionSyntax access && access.Name == name
            || name.Parent is MemberBindingExpressionSyntax
            ? name.Parent
            : name;
        return expression.Parent is InvocationExpressionSyntax invocation && invocation.Expression == expression;
    }
}
