using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// Methods of the compilation that run a delegate parameter on other threads: a helper such as
/// <c>ForEachParallel(items, Action&lt;T&gt; action)</c> whose body gives <c>action</c> to <c>Parallel.ForEach</c>, or
/// <c>Fire(Action work)</c> that queues it to the thread pool. A lambda or method passed for such a parameter is a
/// concurrent entry at the call, as if the caller had written the start (<see cref="ConcurrentEntryFinder.AddRunBy"/>).
/// </summary>
/// <remarks>
/// <para>A helper's starts are found in its body as in any code, keeping those whose body is the parameter or calls
/// it: many runs at once (a parallel loop, tasks started in a loop), or a run that goes on after the helper returns (a
/// start the helper does not join). The caller's side then decides the rest: a returned task awaited at once is one run
/// at a time, a call in a loop without waiting is many.</para>
/// <para>The cost stays with the files that can call one. The names of the helpers come from a text and declaration
/// scan of each tree, kept per tree (an IDE's compilations share unchanged trees); a file binds a call only when its
/// text names one, and a helper's body is bound once per compilation, when a call to it is found.</para>
/// </remarks>
internal static class ParallelHelpers
{
    /// <summary>The BCL's delegate types a helper's parameter is written with; the compilation's own delegates count too.</summary>
    private static readonly string[] BclDelegates = ["Action", "Func"];

    private static readonly ConditionalWeakTable<SyntaxTree, TreeFacts> FactsPerTree = new();

    private static readonly OncePerCompilation<string[]> NamesPerCompilation = new(FindNames);

    private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<IMethodSymbol, HelperRun?[]>> Runs = new();

    /// <summary>
    /// The names of the methods declared in the compilation that may be helpers (none is bound to know it): a method
    /// whose parameter has a delegate type, <c>Action</c>, <c>Func</c> or one the compilation declares, by name.
    /// </summary>
    public static string[] Names(Compilation compilation, CancellationToken cancellationToken) => NamesPerCompilation.Get(compilation, cancellationToken);

    private static string[] FindNames(Compilation c, CancellationToken cancellationToken)
    {
        var facts = new List<TreeFacts>();
        var delegates = new HashSet<string>(BclDelegates, StringComparer.Ordinal);
        foreach (var tree in c.SyntaxTrees)
        {
            var inTree = FactsOf(tree, cancellationToken);
            facts.Add(inTree);
            delegates.UnionWith(inTree.Delegates);
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var inTree in facts)
        {
            foreach (var (name, parameterTypes) in inTree.Candidates)
            {
                if (parameterTypes.Any(delegates.Contains))
                {
                    names.Add(name);
                }
            }
        }

        return names.OrderBy(n => n, StringComparer.Ordinal).ToArray();
    }

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
        ConcurrentEntryFinder? finder = null;
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
            var runs = RunsOf(helper.OriginalDefinition, semanticModel.Compilation, types, semanticModels, cancellationToken);
            if (runs.Length == 0)
            {
                continue;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter is { } parameter && parameter.Ordinal < runs.Length && runs[parameter.Ordinal] is { } run)
                {
                    (finder ??= new ConcurrentEntryFinder(types)).AddRunBy(argument.Value, invocation, run.ManyAtOnce, run.Detached, entries);
                }
            }
        }
    }

    private static InvocationExpressionSyntax? CallOf(SimpleNameSyntax name)
    {
        ExpressionSyntax callee = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name;
        return callee.Parent is InvocationExpressionSyntax invocation && invocation.Expression == callee ? invocation : null;
    }

    /// <summary>
    /// What <paramref name="tree"/> declares that can make a helper: its delegate types, and its methods whose body can
    /// start work (<see cref="MayStartWork"/>) and names a parameter of a named type, with those types' names. Kept per
    /// tree, so an IDE's compilations rescan only the edited file. A name spelled with a Unicode escape is not seen:
    /// such a helper's calls are only not followed.
    /// </summary>
    private static TreeFacts FactsOf(SyntaxTree tree, CancellationToken cancellationToken)
        => FactsPerTree.GetValue(tree, t =>
        {
            var delegates = new List<string>();
            var candidates = new List<(string, string[])>();
            var text = t.GetText(cancellationToken);

            // Most files neither declare a delegate nor hold a start word; their declarations are not walked at all
            // (walking every file's members took half of the model's text pre-checks on NLog).
            var mayStart = MayStartWork(text, new TextSpan(0, text.Length)) && ConcurrentEntryFinder.MayContainCandidates(text);
            if (!mayStart && !SourceWords.Any(text, DelegateWord))
            {
                return TreeFacts.None;
            }

            foreach (var node in t.GetRoot(cancellationToken).DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
            {
                if (node is DelegateDeclarationSyntax declared)
                {
                    delegates.Add(declared.Identifier.ValueText);
                }
                else if (mayStart && node is MethodDeclarationSyntax method && ((SyntaxNode?)method.Body ?? method.ExpressionBody) is { } body
                         && MayStartWork(text, body.Span))
                {
                    var types = new List<string>();
                    foreach (var parameter in method.ParameterList.Parameters)
                    {
                        if (parameter.Type is { } type && TypeName(type) is { } name && SourceWords.Any(text, body.Span, [parameter.Identifier.ValueText]))
                        {
                            types.Add(name);
                        }
                    }

                    if (types.Count > 0)
                    {
                        candidates.Add((method.Identifier.ValueText, types.ToArray()));
                    }
                }
            }

            return new TreeFacts(delegates.ToArray(), candidates.ToArray());
        });

    private static readonly string[] StartWords = ["Parallel", "AsParallel", "Timer", "StartNew", "QueueUserWorkItem", "UnsafeQueueUserWorkItem", "Thread"];

    private static readonly string[] TaskWords = ["Task"];

    private static readonly string[] DelegateWord = ["delegate"];

    private static readonly string[] RunWords = ["Run"];

    /// <summary>
    /// Whether a body's text can start work on another thread: a parallel loop, PLINQ, a timer, a thread or a thread-pool
    /// item, or a <c>Task.Run</c>. Every start <see cref="Compute"/> accepts needs these words, and the names of common
    /// methods (<c>Any</c>, <c>Add</c>) that take a delegate would otherwise make every call of them bound.
    /// </summary>
    private static bool MayStartWork(SourceText text, TextSpan body)
        => SourceWords.Any(text, body, StartWords) || (SourceWords.Any(text, body, RunWords) && SourceWords.Any(text, body, TaskWords));

    /// <summary>The name of a parameter's type as written (<c>Action</c> of <c>System.Action&lt;T&gt;</c>), or null for an array, a pointer, a tuple….</summary>
    private static string? TypeName(TypeSyntax type) => type switch
    {
        QualifiedNameSyntax qualified => TypeName(qualified.Right),
        AliasQualifiedNameSyntax alias => TypeName(alias.Name),
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        NullableTypeSyntax nullable => TypeName(nullable.ElementType),
        _ => null,
    };

    /// <summary>
    /// How <paramref name="method"/> runs each of its parameters, by ordinal: null for one it does not run on another
    /// thread. Arrays of a class, not dictionaries of a struct, so that no generic code is compiled for them.
    /// </summary>
    private static HelperRun?[] RunsOf(IMethodSymbol method, Compilation compilation, ConcurrencyTypes types, Func<SyntaxTree, SemanticModel> semanticModels, CancellationToken cancellationToken)
    {
        var perMethod = Runs.GetValue(compilation, static _ => new ConcurrentDictionary<IMethodSymbol, HelperRun?[]>(SymbolEqualityComparer.Default));
        if (perMethod.TryGetValue(method, out var known))
        {
            return known;
        }

        var found = Compute(method, types, semanticModels, cancellationToken);
        perMethod.TryAdd(method, found);
        return found;
    }

    private static HelperRun?[] Compute(IMethodSymbol method, ConcurrencyTypes types, Func<SyntaxTree, SemanticModel> semanticModels, CancellationToken cancellationToken)
    {
        var none = Array.Empty<HelperRun?>();
        if (method.MethodKind != MethodKind.Ordinary || !method.Parameters.Any(static p => p.Type.TypeKind == TypeKind.Delegate)
            || method.DeclaringSyntaxReferences.FirstOrDefault() is not { } reference
            || reference.GetSyntax(cancellationToken) is not MethodDeclarationSyntax declaration
            || semanticModels(reference.SyntaxTree).GetOperation(declaration, cancellationToken) is not { } body)
        {
            return none;
        }

        // The helper's own starts, as the model finds them in any code, keeping those whose body is a parameter
        // ('Parallel.ForEach(items, action)', 'Task.Run(work)'). A parameter the method assigns may hold another
        // delegate by the time it runs: not followed.
        var assigned = new HashSet<IParameterSymbol>(SymbolEqualityComparer.Default);
        var entries = new List<ConcurrentEntry>();
        var finder = new ConcurrentEntryFinder(types, acceptParameters: true);
        foreach (var operation in body.Descendants())
        {
            switch (operation)
            {
                case IAssignmentOperation { Target: IParameterReferenceOperation target }:
                    assigned.Add(target.Parameter);
                    break;
                case IInvocationOperation or IObjectCreationOperation or IEventAssignmentOperation:
                    finder.Collect(operation, entries);
                    break;
            }
        }

        var runs = new HelperRun?[method.Parameters.Length];
        var any = false;
        foreach (var entry in entries)
        {
            // A start that returns while its work runs (not joined in the helper) goes on after the call returns.
            var run = new HelperRun(entry.MultiInstance, detached: entry.IntervalEnd == int.MaxValue);
            foreach (var parameter in RunParameters(entry.Body, method))
            {
                if (!assigned.Contains(parameter))
                {
                    runs[parameter.Ordinal] = runs[parameter.Ordinal] is { } other ? other.With(run) : run;
                    any = true;
                }
            }
        }

        return any ? runs : none;
    }

    /// <summary>The parameters of <paramref name="method"/> that an entry's body runs: the body itself, or the ones its lambda calls.</summary>
    private static IEnumerable<IParameterSymbol> RunParameters(IOperation body, IMethodSymbol method)
    {
        switch (body)
        {
            case IParameterReferenceOperation parameter when Owns(method, parameter.Parameter):
                yield return parameter.Parameter;
                break;
            case IAnonymousFunctionOperation lambda:
                foreach (var operation in lambda.Body.Descendants())
                {
                    if (operation is IInvocationOperation { TargetMethod.MethodKind: MethodKind.DelegateInvoke, Instance: { } instance }
                        && ConcurrentEntryFinder.Strip(instance) is IParameterReferenceOperation invoked && Owns(method, invoked.Parameter))
                    {
                        yield return invoked.Parameter;
                    }
                }

                break;
        }
    }

    private static bool Owns(IMethodSymbol method, IParameterSymbol parameter)
        => SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol?.OriginalDefinition, method) && parameter.Type.TypeKind == TypeKind.Delegate;
}

/// <summary>How a helper runs one delegate parameter: many runs at once, and/or still running after the call returns.</summary>
internal sealed class HelperRun
{
    public HelperRun(bool manyAtOnce, bool detached)
    {
        ManyAtOnce = manyAtOnce;
        Detached = detached;
    }

    public bool ManyAtOnce { get; }

    public bool Detached { get; }

    /// <summary>The parameter is run in two places of the helper: the stronger of each.</summary>
    public HelperRun With(HelperRun other) => new(ManyAtOnce || other.ManyAtOnce, Detached || other.Detached);
}

/// <summary>What one tree declares that can make a helper (see <c>ParallelHelpers.FactsOf</c>).</summary>
internal sealed class TreeFacts
{
    /// <summary>A tree that declares neither a delegate type nor a method that can start work.</summary>
    public static readonly TreeFacts None = new([], []);

    public TreeFacts(string[] delegates, (string Name, string[] ParameterTypes)[] candidates)
    {
        Delegates = delegates;
        Candidates = candidates;
    }

    /// <summary>The names of the delegate types the tree declares.</summary>
    public string[] Delegates { get; }

    /// <summary>Methods whose body can start work, with the type names of the parameters their body names.</summary>
    public (string Name, string[] ParameterTypes)[] Candidates { get; }
}
