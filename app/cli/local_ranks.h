#pragma once
// bertwork-cli train/resume --nproc-per-node N: the command runs as N local ranks of a data-parallel
// job. This process only launches them: N children of the same executable and arguments (less
// --nproc-per-node), each with torchrun's environment (RANK, WORLD_SIZE, LOCAL_RANK,
// LOCAL_WORLD_SIZE, MASTER_ADDR=127.0.0.1, MASTER_PORT from a free-port probe) and an equal share
// of the cores; it waits for them all and fails when any fails.

namespace bw::cli {

// Returns when every rank has ended; throws bw::Error naming the first rank that failed. A rank that
// fails gives the others the process-group timeout plus a grace period to notice, then they are killed.
void runLocalRanks(int ranks);

// False on ranks other than 0 of a data-parallel job: they print no progress and no result.
bool isRankZero();

}  // namespace bw::cli
