using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Forklift.Analyzers.SharedState;

/// <summary>FL1002: a <c>List&lt;T&gt;</c>, <c>Dictionary&lt;K,V&gt;</c> or other non-thread-safe collection is changed by concurrent code.</summary>
/// <remarks>
/// The most common real-world race in C#: <c>Parallel.ForEach(items, i =&gt; results.Add(f(i)))</c>. Concurrent
/// <c>Add</c> calls lose items, corrupt the internal arrays, or throw.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CollectionMutatedConcurrentlyAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.CollectionMutatedConcurrently,
        title: "Use a concurrent collection or a lock for collections changed by several threads",
        messageFormat: "'{0}' is a {1} changed by '{2}' without synchronization; {3}",
        DiagnosticCategories.Concurrency,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "List<T>, Dictionary<TKey, TValue>, HashSet<T>, Queue<T> and Stack<T> are not safe to change from several threads at once.",
        helpLinkUri: HelpLinks.For(DiagnosticIds.CollectionMutatedConcurrently));

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        RaceReporter.Register(context, Rule);
    }
}
