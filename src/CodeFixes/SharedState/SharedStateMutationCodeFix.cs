using System.Collections.Immutable;
using System.Composition;
using Forklift.Analyzers;
using Forklift.Analyzers.SharedState;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace Forklift.CodeFixes.SharedState;

/// <summary>FL1001: make the update atomic with <c>Interlocked</c>, or wrap it in a <c>lock</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SharedStateMutationCodeFix))]
public sealed class SharedStateMutationCodeFix : CodeFixProvider
{
    internal const string InterlockedKey = DiagnosticIds.SharedStateMutation + ".Interlocked";
    internal const string LockKey = DiagnosticIds.SharedStateMutation + ".Lock";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.SharedStateMutation);

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
                continue; // a lock around the change excludes nothing the reader does: the object must be finished before it is handed over
            }

            if (diagnostic.Properties.ContainsKey(ConcurrencyModel.HeldObjectProperty))
            {
                continue; // a lock around one store into a scratch object leaves its other stores and reads outside it: give each call its own
            }

            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Resize" } })
            {
                continue; // a shared buffer grown in place is used around the resize too: it belongs to each thread ([ThreadStatic], a local), which no lock here makes it
            }

            if (InterlockedRewrite.TryCreate(node, model, context.CancellationToken) is not null
                && (StateAccessSyntax.StateSymbol(node, model, context.CancellationToken) is not IFieldSymbol field
                    || InterlockedRewrite.FitsEveryWrite(field, model.Compilation, context.CancellationToken)))
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Use Interlocked", ct => ApplyAsync(context.Document, ImmutableArray.Create(diagnostic), InterlockedKey, ct), InterlockedKey),
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
        var usesInterlocked = false;
        var nodes = diagnostics.Select(d => root.FindNode(d.Location.SourceSpan, getInnermostNodeForTie: true)).ToList();

        // Fix All (and dotnet format) applies one key to every diagnostic. A state that Interlocked cannot fix at every
        // update gets the lock at all of them instead: mixing the two on one field would leave a race, and skipping
        // it would leave work for a second run.
        var interlockedStates = key == InterlockedKey ? StatesFixedByInterlocked(nodes, model, cancellationToken) : null;
        foreach (var node in nodes)
        {
            if (interlockedStates is not null && StateAccessSyntax.StateSymbol(node, model, cancellationToken) is { } state && interlockedStates.Contains(state))
            {
                if (InterlockedRewrite.TryCreate(node, model, cancellationToken) is { } replacement)
                {
                    editor.ReplaceNode(node, replacement);
                    usesInterlocked = true;
                }
            }
            else if (LockInsertion.WrapTarget(node, model, cancellationToken) is { } target)
            {
                locks.Wrap(target, locks.LockFor(node, model, null, StateAccessSyntax.IsStaticState(node, model, cancellationToken), cancellationToken));
            }
        }

        var changed = editor.GetChangedRoot();
        if (usesInterlocked || locks.AddedLockType)
        {
            changed = UsingDirectives.Ensure(changed, "System.Threading");
        }

        return document.WithSyntaxRoot(changed);
    }

    /// <summary>
    /// The states whose every update among <paramref name="nodes"/> has an Interlocked form and, for a field, whose
    /// every write in its type does (<see cref="InterlockedRewrite.FitsEveryWrite"/>).
    /// </summary>
    private static HashSet<ISymbol> StatesFixedByInterlocked(List<SyntaxNode> nodes, SemanticModel model, CancellationToken cancellationToken)
    {
        var fixable = StateAccessSyntax.StatesFitAtEveryAccess(nodes, model, node => InterlockedRewrite.TryCreate(node, model, cancellationToken) is not null, cancellationToken);
        fixable.RemoveWhere(state => state is IFieldSymbol field && !InterlockedRewrite.FitsEveryWrite(field, model.Compilation, cancellationToken));
        return fixable;
    }
}
