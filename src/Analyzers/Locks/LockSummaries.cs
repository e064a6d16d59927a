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
        var result = ImmutableArray.CreateBuilder<LockSummary>();
        foreach (var node in model.SyntaxTree.GetRoot(cancellationToken).DescendantNodes())
        {
            var candidate = node is LockStatementSyntax
                            || (node is InvocationExpressionSyntax invocation && LockCallText.InvokedName(invocation.Expression) is { } name && LockApis.IsLockMethodName(name));
            if (!candidate || MemberOf(node) is not { } member || !members.Add(member))
            {
                continue;
            }

            Summarize(model, member, result, cancellationToken);
        }

        // The other methods of the types that take locks: helpers called while a lock is held often take no lock
        // themselves but call one that does (a public method, its private implementation). Their summaries carry only
        // their calls; methods of other types stay unbound.
        var types = new HashSet<SyntaxNode>();
        foreach (var member in members.ToList())
        {
            if (member.FirstAncestorOrSelf<TypeDeclarationSyntax>() is { } type && types.Add(type))
            {
                foreach (var node in type.Members)
                {
                    var helper = node switch
                    {
                        BaseMethodDeclarationSyntax method => method,
                        BasePropertyDeclarationSyntax { AccessorList: null } property => (SyntaxNode?)property.DescendantNodes().OfType<ArrowExpressionClauseSyntax>().FirstOrDefault(),
                        _ => null,
                    };

                    if (helper is not null && members.Add(helper))
                    {
                        Summarize(model, helper, result, cancellationToken);
                    }
                }
            }
        }

        return result.ToImmutable();
    }

    private void Summarize(SemanticModel model, SyntaxNode member, ImmutableArray<LockSummary>.Builder result, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (OwnerOf(model, member, cancellationToken) is not { } owner || model.GetOperation(member, cancellationToken) is not { } body)
        {
            return;
        }

        foreach (var summary in LockSummaryBuilder.Build(body, owner, _apis, cancellationToken))
        {
            // A method that neither takes a lock nor calls a source method adds nothing to any composition.
            if (!summary.Acquisitions.IsEmpty || !summary.Calls.IsEmpty)
            {
                result.Add(summary);
            }
        }
    }

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
