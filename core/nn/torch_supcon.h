#pragma once
// Supervised contrastive loss. Internal: include only from core .cpp files (ui must not see torch).
#include <torch/torch.h>

namespace bridgelc {

/// Supervised contrastive loss (Khosla et al. 2020, "L_out" form) as the BRIDGE-LC authors compute it:
/// similarities s_ij = z_i . z_j / temperature of the already L2-normalised rows of `embeddings` (N x k);
/// e_ij = exp(s_ij - max_j s_ij) + 1e-5; for each anchor i with at least one positive (j != i, same label)
/// loss_i = mean over positives p of -log(e_ip / sum_{j != i} e_ij); the result is the mean over those
/// anchors (0 when no anchor has a positive). `labels` is an int64 vector of N.
torch::Tensor supervisedContrastiveLoss(const torch::Tensor& embeddings, const torch::Tensor& labels,
                                        double temperature);

/// BRIDGE-LC's pairing: invariant vectors labelled with their class (0..C-1), specific vectors with C + their
/// region, both L2-normalised and stacked (2B vectors) before the loss above.
torch::Tensor disentanglementContrastiveLoss(const torch::Tensor& invariant, const torch::Tensor& specific,
                                             const torch::Tensor& classes, const torch::Tensor& regions,
                                             std::int64_t classCount, double temperature);

}  // namespace bridgelc
