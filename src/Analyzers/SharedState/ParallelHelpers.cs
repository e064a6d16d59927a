using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// Methods of the compilation that run a delegate parameter on several threads at once: a helper such as
/// <c>ForEachParallel(items, Action&lt;T&gt; action)</c> whose body gives <c>action</c> to <c>Parallel.ForEach</c>, or
/// calls it from the body of a <c>Parallel.For</c> or of tasks started in a loop. A lambda or method passed for such a
/// parameter is a concurrent entry at the call, as if the caller had written the <c>Parallel.ForEach</c> itself.
/// </summary>
/// <remarks>
/// <para>Only many instances at once are modelled (races among the runs of the delegate, on what they share). The
/// call is taken as joined before it returns, so the caller's own code after it is not paired with the delegate: a
/// helper that returns while its work goes on would need its join followed, and is left alone rather than guessed.</para>
/// <para>The cost stays with the files that can call one. The names of the helpers come from a text and declaration
/// scan of each tree, kept per tree (an IDE's compilations share unchanged trees); a file binds a call only when its
/// text names one, and a helper's body is bound once per compilation, when a call to it is found.</para>
/// </remarks>
internal static class ParallelHelpers
{
    /// <summary>Delegate types a helper's parameter is written with; a helper with a delegate type of its own is not seen.</summary>
    private static readonly string[] DelegateWords = ["Action", "Func"];

    private static readonly ConditionalWeakTable<SyntaxTree, string[]> NamesPerTree = new();

    private static readonly ConditionalWeakTable<Compilation, string[]> NamesPerCompilation = new();

    private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<IMethodSymbol, ImmutableArray<int>>> Parameters = new();

    /// <summary>The names of the methods declared in the compilation that may be helpers (none is bound to know it).</summary>
    public static string[] Names(Compilation compilation, CancellationToken cancellationToken)
        => NamesPerCompilation.GetValue(compilation, c =>
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var tree in c.SyntaxTrees)
            {
                names.UnionWith(NamesIn(tree, cancellationToken));
            }

            return names.OrderBy(n => n, StringComparer.Ordinal).ToArray();
        });

    /// <summary>
    /// The concurrent entries of the calls in <paramref name="semanticModel"/>'s tree to helpers: the lambdas and
    /// methods passed for the parameters the helper runs on several threads at once.
    /// </summary>
    public static void CollectCalls(SemanticModel semanticModel, string[] names, ConcurrencyTypes types, Func<SyntaxTree, SemanticModel> semanticModels, List<ConcurrentEntry> entries, CancellationToken cancellationToken)
    {
        var tree = semanticModel.SyntaxTree;
        var text = SourceWords.TextOf(tree.GetText(cancellationToken));
        var root = tree.GetRoot(cancellationToken);
        var seen = new HashSet<InvocationExpressionSyntax>();
        foreach (var at in SourceWords.Occurrences(text, names))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (root.FindToken(at).Parent is not SimpleNameSyntax name || CallOf(name) is not { } call || !seen.Add(call)
                || !call.ArgumentList.Arguments.Any(static a => a.Expression is AnonymousFunctionExpressionSyntax or IdentifierNameSyntax or MemberAccessExpressionSyntax)
                || semanticModel.GetOperation(call, cancellationToken) is not IInvocationOperation invocation)
            {
                continue;
            }

            var helper = invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod;
            var concurrent = ConcurrentParameters(helper.OriginalDefinition, semanticModel.Compilation, types, semanticModels, cancellationToken);
            if (concurrent.IsEmpty)
            {
                continue;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter is { } parameter && concurrent.Contains(parameter.Ordinal))
                {
                    ConcurrentEntryFinder.AddRunBy(argument.Value, invocation, entries);
                }
            }
        }
    }

    private static InvocationExpressionSyntax? CallOf(SimpleNameSyntax name)
    {
        ExpressionSyntax callee = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name;
        return callee.Parent is InvocationExpressionSyntax invocation && invocation.Expression == callee ? invocation : null;
    }

    /// <summary>The names in <paramref name="tree"/> of methods with an <c>Action</c> or <c>Func</c> parameter, in a file that can start work.</summary>
    private static string[] NamesIn(SyntaxTree tree, CancellationToken cancellationToken)
        => NamesPerTree.GetValue(tree, t =>
        {
            var text = t.GetText(cancellationToken);
            if (!SourceWords.Any(text, DelegateWords) || !ConcurrentEntryFinder.MayContainCandidates(text))
            {
                return [];
            }

            var names = new List<string>();
            foreach (var node in t.GetRoot(cancellationToken).DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
            {
                if (node is MethodDeclarationSyntax method && ((SyntaxNode?)method.Body ?? method.ExpressionBody) is { } body
                    && method.ParameterList.Parameters.Any(p => p.Type is { } type && IsDelegateName(type) && SourceWords.Any(text, body.Span, [p.Identifier.ValueText]))
                    && MayRunManyAtOnce(text, body.Span))
                {
                    names.Add(method.Identifier.ValueText);
                }
            }

            return names.ToArray();
        });

    private static readonly string[] ManyAtOnceWords = ["Parallel", "AsParallel", "Timer"];

    private static readonly string[] StartWords = ["Run", "StartNew", "QueueUserWorkItem", "UnsafeQueueUserWorkItem", "Thread"];

    private static readonly string[] LoopWords = ["for", "foreach", "while"];

    /// <summary>
    /// Whether a body's text can start one delegate many times at once: a parallel loop, PLINQ or a timer, or a task or
    /// thread start beside a loop. Every entry <see cref="Compute"/> accepts needs one of these words, and the names of
    /// common methods (<c>Any</c>, <c>Add</c>, <c>Run</c>) taking a delegate would otherwise make every call of them bound.
    /// </summary>
    private static bool MayRunManyAtOnce(SourceText text, TextSpan body)
        => SourceWords.Any(text, body, ManyAtOnceWords) || (SourceWords.Any(text, body, StartWords) && SourceWords.Any(text, body, LoopWords));

    private static bool IsDelegateName(TypeSyntax type) => type switch
    {
        QualifiedNameSyntax qualified => IsDelegateName(qualified.Right),
        SimpleNameSyntax simple => simple.Identifier.ValueText is "Action" or "Func",
        _ => false,
    };

    /// <summary>The ordinals of <paramref name="method"/>'s delegate parameters that its body runs on several threads at once.</summary>
    private static ImmutableArray<int> ConcurrentParameters(IMethodSymbol method, Compilation compilation, ConcurrencyTypes types, Func<SyntaxTree, SemanticModel> semanticModels, CancellationToken cancellationToken)
    {
        var perMethod = Parameters.GetValue(compilation, static _ => new ConcurrentDictionary<IMethodSymbol, ImmutableArray<int>>(SymbolEqualityComparer.Default));
        if (perMethod.TryGetValue(method, out var known))
        {
            return known;
        }

        var found = Compute(method, types, semanticModels, cancellationToken);
        perMethod.TryAdd(method, found);
        return found;
    }

    private static ImmutableArray<int> Compute(IMethodSymbol method, ConcurrencyTypes types, Func<SyntaxTree, SemanticModel> semanticModels, CancellationToken cancellationToken)
    {
        if (method.MethodKind != MethodKind.Ordinary || !method.Parameters.Any(static p => p.Type.TypeKind == TypeKind.Delegate)
            || method.DeclaringSyntaxReferences.FirstOrDefault() is not { } reference
            || reference.GetSyntax(cancellationToken) is not MethodDeclarationSyntax declaration
            || semanticModels(reference.SyntaxTree).GetOperation(declaration, cancellationToken) is not { } body)
        {
            return ImmutableArray<int>.Empty;
        }

        // A parameter the method assigns may hold another delegate by the time it runs: not followed.
        var assigned = new HashSet<IParameterSymbol>(SymbolEqualityComparer.Default);
        var entries = new List<ConcurrentEntry>();
        var finder = new ConcurrentEntryFinder(types);
        var concurrent = new SortedSet<int>();
        foreach (var operation in body.Descendants())
        {
            switch (operation)
            {
                case IAssignmentOperation { Target: IParameterReferenceOperation target }:
                    assigned.Add(target.Parameter);
                    break;
                case IInvocationOperation invocation when IsParallelLoop(invocation, types):
                    // 'Parallel.ForEach(items, action)': the parameter itself is the loop's body.
                    foreach (var argument in invocation.Arguments)
                    {
                        if (ConcurrentEntryFinder.Strip(argument.Value) is IParameterReferenceOperation passed && Owns(method, passed.Parameter))
                        {
                            concurrent.Add(passed.Parameter.Ordinal);
                        }
                    }

                    finder.Collect(invocation, entries);
                    break;
                case IInvocationOperation or IObjectCreationOperation or IEventAssignmentOperation:
                    finder.Collect(operation, entries);
                    break;
            }
        }

        // 'Parallel.For(0, n, i => action(i))', tasks started in a loop that call it: each run of the entry runs it.
        foreach (var entry in entries)
        {
            if (!entry.MultiInstance || entry.Body is not IAnonymousFunctionOperation lambda)
            {
                continue;
            }

            foreach (var operation in lambda.Body.Descendants())
            {
                if (operation is IInvocationOperation { TargetMethod.MethodKind: MethodKind.DelegateInvoke, Instance: { } instance }
                    && ConcurrentEntryFinder.Strip(instance) is IParameterReferenceOperation invoked && Owns(method, invoked.Parameter))
                {
                    concurrent.Add(invoked.Parameter.Ordinal);
                }
            }
        }

        concurrent.RemoveWhere(ordinal => assigned.Contains(method.Parameters[ordinal]));
        return concurrent.ToImmutableArray();
    }

    private static bool Owns(IMethodSymbol method, IParameterSymbol parameter)
        => SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol?.OriginalDefinition, method) && parameter.Type.TypeKind == TypeKind.Delegate;

    /// <summary>A <c>Parallel.For</c>/<c>ForEach</c>/<c>ForEachAsync</c> or PLINQ call: it runs its delegates many times at once (not <c>Parallel.Invoke</c>).</summary>
    private static bool IsParallelLoop(IInvocationOperation invocation, ConcurrencyTypes types)
        => (ConcurrencyTypes.Is(invocation.TargetMethod.ContainingType, types.Parallel) && invocation.TargetMethod.Name != "Invoke")
           || ConcurrencyTypes.Is(invocation.TargetMethod.ContainingType, types.ParallelEnumerable);
}
