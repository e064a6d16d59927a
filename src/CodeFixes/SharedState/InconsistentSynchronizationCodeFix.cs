using System.Collections.Immutable;
using Forklift.Analyzers;
using Forklift.Analyzers.SharedState;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Editing;

namespace Forklift.CodeFixes.SharedState;

/// <summary>FL1003: take the lock that guards the state elsewhere around the unguarded access.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(InconsistentSynchronizationCodeFix))]
public sealed class InconsistentSynchronizationCodeFix : CodeFixProvider
{
    internal const string LockKey = DiagnosticIds.InconsistentSynchronization + ".Lock";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.InconsistentSynchronization);

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
            // Only a lock with a name we can write here (a field or 'this') can be taken again.
            if (!diagnostic.Properties.TryGetValue(ConcurrencyModel.LockNameProperty, out var lockName) || lockName is null || lockName == "its lock")
            {
                continue;
            }

            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (LockInsertion.WrapTarget(node, model, context.CancellationToken) is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create($"Wrap in lock ({lockName})", ct => ApplyAsync(context.Document, ImmutableArray.Create(diagnostic), LockKey, ct), LockKey),
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
        foreach (var diagnostic in diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(ConcurrencyModel.LockNameProperty, out var lockName) || lockName is null || lockName == "its lock")
            {
                continue;
            }

            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (LockInsertion.WrapTarget(node, model, cancellationToken) is { } target)
            {
                locks.Wrap(target, locks.LockFor(node, model, lockName, stateIsStatic: false, cancellationToken));
            }
        }

        return document.WithSyntaxRoot(editor.GetChangedRoot());
    }
}
