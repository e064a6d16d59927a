using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Forklift.Analyzers.Locks;

/// <summary>
/// The lock summaries of one compilation, computed once per file and shared by the rules that read them (FL2002,
/// FL2004, FL2005), so the three rules cost one walk of each method that holds a lock.
/// </summary>
/// <remarks>
/// Only files whose text names a lock method or the <c>lock</c> keyword are looked at, and in them only the members
/// that contain such a call or statement are bound and summarized; every other method has no summary, which the
/// rules read as "takes no lock". Per-compilation work therefore happens only where lock calls exist.
/// </remarks>
internal sealed class LockSummaries
{
    private static readonly ConditionalWeakTable<Compilation, LockSummaries> ByCompilation = new();

    private readonly LockApis _apis;
    private readonly ConcurrentDictionary<SyntaxTree, ImmutableArray<LockSummary>> _files = new();

    private LockSummaries(Compilation compilation) => _apis = LockApis.CreateDeferred(compilation);

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
            if (!LockCallText.MayContainLocks(model.SyntaxTree.GetText(modelContext.CancellationToken)))
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
            return known;
        }

        // Two rules may compute the same file at once; the results are equal, and the first one stored wins.
        return _files.GetOrAdd(model.SyntaxTree, Compute(model, cancellationToken));
    }

    private ImmutableArray<LockSummary> Compute(SemanticModel model, CancellationToken cancellationToken)
    {
        var members = new HashSet<SyntaxNode>();
        var acquiring = new List<SyntaxNode>();
        var result = ImmutableArray.CreateBuilder<LockSummary>();
        foreach (var node in model.SyntaxTree.GetRoot(cancellationToken).DescendantNodes())
        {
            // Only a member that can acquire has something to summarize: one that only releases holds nothing.
            var candidate = node is LockStatementSyntax
                            || (node is InvocationExpressionSyntax invocation && LockCallText.InvokedName(invocation.Expression) is { } name && IsAcquireName(name));
            if (candidate && MemberOf(node) is { } member && members.Add(member))
            {
                acquiring.Add(member);
            }
        }

        // Every acquiring member is summarized at full depth, before or after the helpers it reaches.
        foreach (var member in acquiring)
        {
            Summarize(model, member, members, result, LockCallGraph.MaxCallDepth, cancellationToken);
        }

        return result.ToImmutable();
    }

    /// <summary>Whether <paramref name="name"/> can name a lock acquisition (a subset of <see cref="LockApis.IsLockMethodName"/>).</summary>
    private static bool IsAcquireName(string name)
        => LockApis.IsLockMethodName(name) && !name.StartsWith("Exit", StringComparison.Ordinal) && !name.StartsWith("Release", StringComparison.Ordinal);

    /// <summary>
    /// Summarizes <paramref name="member"/>, then the methods of the same file it calls while holding a lock, which
    /// often take no lock themselves but call one that does (a public method and its private implementation), and
    /// so on, <paramref name="depth"/> calls deep. Methods of other files are summarized only when they acquire.
    /// </summary>
    private void Summarize(SemanticModel model, SyntaxNode member, HashSet<SyntaxNode> members, ImmutableArray<LockSummary>.Builder result, int depth, CancellationToken cancellationToken)
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
            if (depth <= 1)
            {
                continue;
            }

            foreach (var call in summary.Calls)
            {
                // In a method that takes locks, the calls made while holding one; in a helper reached that way, all
                // of them (its caller holds the lock).
                if (call.Held.IsEmpty && depth == LockCallGraph.MaxCallDepth)
                {
                    continue;
                }

                foreach (var reference in call.Callee.DeclaringSyntaxReferences)
                {
                    if (reference.SyntaxTree == model.SyntaxTree && HelperBody(reference.GetSyntax(cancellationToken)) is { } helper && members.Add(helper))
                    {
                        Summarize(model, helper, members, result, depth - 1, cancellationToken);
                    }
                }
            }
        }
    }

    /// <summary>The member syntax to summarize for a callee's declaration, or <see langword="null"/>.</summary>
    private static SyntaxNode? HelperBody(SyntaxNode declaration) => declaration switch
    {
        BaseMethodDeclarationSyntax or AccessorDeclarationSyntax => declaration,
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
