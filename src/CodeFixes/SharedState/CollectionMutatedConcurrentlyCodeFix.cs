using System.Collections.Immutable;
using Forklift.Analyzers;
using Forklift.Analyzers.SharedState;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Editing;

namespace Forklift.CodeFixes.SharedState;

/// <summary>FL1002: switch to <c>ConcurrentBag&lt;T&gt;</c> / <c>ConcurrentDictionary&lt;K,V&gt;</c>, or wrap the change in a <c>lock</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CollectionMutatedConcurrentlyCodeFix))]
public sealed class CollectionMutatedConcurrentlyCodeFix : CodeFixProvider
{
    internal const string ConcurrentCollectionKey = DiagnosticIds.CollectionMutatedConcurrently + ".ConcurrentCollection";
    internal const string LockKey = DiagnosticIds.CollectionMutatedConcurrently + ".Lock";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.CollectionMutatedConcurrently);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => new SharedStateFixAllProvider(ApplyAsync);

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (diagnostic.Properties.ContainsKey(ConcurrencyModel.HandedOverProperty))
            {
                continue; // another object's collection, changed where its readers take no lock of ours (HostedLoopForeignCollections)
            }

            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (ConcurrentCollectionRewrite.TryCreate(node, model, context.CancellationToken) is { } rewrite)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(rewrite.Title, ct => ApplyAsync(context.Document, ImmutableArray.Create(diagnostic), ConcurrentCollectionKey, ct), ConcurrentCollectionKey),
                    diagnostic);
            }

            if (LockInsertion.WrapTarget(node, model, context.CancellationToken) is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Wrap in lock", ct => ApplyAsync(context.Document, ImmutableArray.Create(diagnostic), LockKey, ct), LockKey),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> ApplyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string key, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var model = editor.SemanticModel;
        var root = editor.OriginalRoot;
        var locks = new LockInsertion(editor);
        var rewritten = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        var nodes = diagnostics.Where(d => !d.Properties.ContainsKey(ConcurrencyModel.HandedOverProperty))
            .Select(d => root.FindNode(d.Location.SourceSpan, getInnermostNodeForTie: true)).ToList();

        // Fix All (and dotnet format) applies one key to every diagnostic: a collection that has no concurrent
        // replacement for every use among them gets the lock at all of them instead, so one run leaves nothing behind.
        var replaceable = key == ConcurrentCollectionKey ? ReplaceableCollections(nodes, model, cancellationToken) : null;
        foreach (var node in nodes)
        {
            if (replaceable is not null && StateAccessSyntax.StateSymbol(node, model, cancellationToken) is { } state && replaceable.Contains(state))
            {
                // Several diagnostics on one collection share one rewrite of its declaration and uses.
                if (ConcurrentCollectionRewrite.TryCreate(node, model, cancellationToken) is { } rewrite && rewritten.Add(rewrite.State))
                {
                    rewrite.Apply(editor);
                }
            }
            else if (LockInsertion.WrapTarget(node, model, cancellationToken) is { } target)
            {
                locks.Wrap(target, locks.LockFor(node, model, null, StateAccessSyntax.IsStaticState(node, model, cancellationToken), cancellationToken));
            }
        }

        var changed = editor.GetChangedRoot();
        if (rewritten.Count > 0)
        {
            changed = UsingDirectives.Ensure(changed, "System.Collections.Concurrent");
        }

        if (locks.AddedLockType)
        {
            changed = UsingDirectives.Ensure(changed, "System.Threading");
        }

        return document.WithSyntaxRoot(changed);
    }

    /// <summary>The collections whose every use among <paramref name="nodes"/> has a concurrent-collection rewrite.</summary>
    private static HashSet<ISymbol> ReplaceableCollections(List<SyntaxNode> nodes, SemanticModel model, CancellationToken cancellationToken)
        => StateAccessSyntax.StatesFitAtEveryAccess(nodes, model, node => ConcurrentCollectionRewrite.TryCreate(node, model, cancellationToken) is not null, cancellationToken);
}
