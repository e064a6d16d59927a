using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Forklift.Analyzers.Locks;

/// <summary>
/// The lock summaries of one compilation, computed once per file and shared by the rules that read them (FL2002,
/// FL2004, FL2005), so the three rules cost one walk of each method that holds a lock.
/// </summary>
/// <remarks>
/// Only the lock statements and lock-named calls <see cref="LockSyntax"/> finds are looked at, and only the members
/// that contain such a statement or an acquiring call are bound and summarized; every other method has no summary, which the
/// rules read as "takes no lock". Per-compilation work therefore happens only where lock calls exist.
/// </remarks>
internal sealed class LockSummaries
{
    private static readonly ConditionalWeakTable<Compilation, LockSummaries> ByCompilation = new();

    private readonly LockApis _apis;
    // Boxed: a concurrent dictionary of structs runs code that every new compiler process compiles first (see CompositeKey).
    private readonly ConcurrentDictionary<SyntaxTree, object> _files = new();
    private readonly ConcurrentDictionary<SyntaxTree, object> _computing = new();

    private LockSummaries(Compilation compilation) => _apis = LockApis.For(compilation);

    public LockApis Apis => _apis;

    /// <summary>
    /// Registers <paramref name="onFile"/> for every file that holds a summarized method, with that file's summaries.
    /// </summary>
    public static void Register(CompilationStartAnalysisContext context, Action<ImmutableArray<LockSummary>, SemanticModelAnalysisContext> onFile)
    {
        var summaries = ByCompilation.GetValue(context.Compilation, static compilation => new LockSummaries(compilation));
        context.RegisterSemanticModelAction(modelContext =>
        {
            var model = modelContext.SemanticModel;
            if (LockSyntax.Of(model.SyntaxTree, modelContext.CancellationToken).Nodes.IsEmpty)
            {
                return;
            }

            var file = summaries.Of(model, modelContext.CancellationToken);
            if (!file.IsEmpty)
            {
                onFile(file, modelContext);
            }
        });
    }

    private ImmutableArray<LockSummary> Of(SemanticModel model, CancellationToken cancellationToken)
    {
        if (_files.TryGetValue(model.SyntaxTree, out var known))
        {
            return (ImmutableArray<LockSummary>)known;
        }

        // The three rules reach each file at about the same time: one computes, the others wait for its result
        // instead of binding the same methods again. A cancelled computation stores nothing; the next caller redoes it.
        lock (_computing.GetOrAdd(model.SyntaxTree, static _ => new object()))
        {
            if (!_files.TryGetValue(model.SyntaxTree, out known))
            {
                known = Compute(model, cancellationToken);
                _files[model.SyntaxTree] = known;
            }

            return (ImmutableArray<LockSummary>)known;
        }
    }

    private ImmutableArray<LockSummary> Compute(SemanticModel model, CancellationToken cancellationToken)
    {
        var members = new HashSet<SyntaxNode>();
        var acquiring = new List<SyntaxNode>();
        var result = ImmutableArray.CreateBuilder<LockSummary>();
        foreach (var node in LockSyntax.Of(model.SyntaxTree, cancellationToken).Nodes)
        {
            // Only a member that acquires has something to summarize (one that only releases holds nothing), and only
            // such members get a whole operation tree: a call merely named like an acquisition (Task.Wait) is bound
            // alone first, as FL2001 binds it, so the semantic model's cache serves both.
            if (node is not LockStatementSyntax
                && (node is not InvocationExpressionSyntax invocation || LockCallText.InvokedName(invocation.Expression) is not { } name || !IsAcquireName(name)))
            {
                continue;
            }

            if (MemberOf(node) is not { } member || members.Contains(member))
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (node is InvocationExpressionSyntax call
                && (model.GetOperation(call, cancellationToken) is not IInvocationOperation operation || _apis.Classify(operation) is not { IsAcquire: true }))
            {
                continue;
            }

            members.Add(member);
            acquiring.Add(member);
        }

        // Every acquiring member is summarized with the helpers it calls under a lock, before or after those helpers
        // are reached from another member.
        foreach (var member in acquiring)
        {
            Summarize(model, member, members, result, followHelpers: true, cancellationToken);
        }

        return result.ToImmutable();
    }

    /// <summary>Whether <paramref name="name"/> can name a lock acquisition (a subset of <see cref="LockApis.IsLockMethodName"/>).</summary>
    private static bool IsAcquireName(string name)
        => LockApis.IsLockMethodName(name) && !name.StartsWith("Exit", StringComparison.Ordinal) && !name.StartsWith("Release", StringComparison.Ordinal);

    /// <summary>
    /// Summarizes <paramref name="member"/> and, when <paramref name="followHelpers"/>, the methods of the same file it
    /// calls while holding a lock: such a helper often takes no lock itself but calls one that does (a public method
    /// and its private implementation). One level only: binding a method costs about what the compiler pays for it,
    /// and the helpers' own callees are summarized only when they acquire.
    /// </summary>
    private void Summarize(SemanticModel model, SyntaxNode member, HashSet<SyntaxNode> members, ImmutableArray<LockSummary>.Builder result, bool followHelpers, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (OwnerOf(model, member, cancellationToken) is not { } owner || model.GetOperation(member, cancellationToken) is not { } body)
        {
            return;
        }

        foreach (var summary in LockSummaryBuilder.Build(body, owner, _apis, cancellationToken))
        {
            // A method that neither takes a lock nor calls a source method adds nothing to any composition.
            if (summary.Acquisitions.IsEmpty && summary.Calls.IsEmpty)
            {
                continue;
            }

            result.Add(summary);
            if (!followHelpers)
            {
                continue;
            }

            foreach (var call in summary.Calls)
            {
                if (call.Held.IsEmpty)
                {
                    continue;
                }

                foreach (var reference in call.Callee.DeclaringSyntaxReferences)
                {
                    if (reference.SyntaxTree == model.SyntaxTree && HelperBody(reference.GetSyntax(cancellationToken)) is { } helper && members.Add(helper))
                    {
                        Summarize(model, helper, members, result, followHelpers: false, cancellationToken);
                    }
                }
            }
        }
    }

    /// <summary>The member syntax to summarize for a callee's declaration, or <see langword="null"/>.</summary>
    private static SyntaxNode? HelperBody(SyntaxNode declaration) => declaration switch
    {
        BaseMethodDeclarationSyntax or AccessorDeclarationSyntax => declaration,
        ArrowExpressionClauseSyntax { Parent: BasePropertyDeclarationSyntax } => declaration, // `int Count => Read();`
        _ => null,
    };

    /// <summary>The method, accessor, or expression-bodied property that holds <paramref name="node"/>.</summary>
    private static SyntaxNode? MemberOf(SyntaxNode node)
    {
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case BaseMethodDeclarationSyntax or AccessorDeclarationSyntax:
                    return current;
                case ArrowExpressionClauseSyntax { Parent: BasePropertyDeclarationSyntax }:
                    return current;
                case MemberDeclarationSyntax:
                    return null;
            }
        }

        return null;
    }

    private static IMethodSymbol? OwnerOf(SemanticModel model, SyntaxNode member, CancellationToken cancellationToken)
        => member is ArrowExpressionClauseSyntax { Parent: { } property }
            ? (model.GetDeclaredSymbol(property, cancellationToken) as IPropertySymbol)?.GetMethod
            : model.GetDeclaredSymbol(member, cancellationToken) as IMethodSymbol;
}
