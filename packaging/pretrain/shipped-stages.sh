# The pretraining stages whose weights have been shipped as resources/models/bertwork-tiny-en, sourced by
# pretrain.sh (each stage starts from the previous stage's shipped weights) and ship-model.sh (the card
# keeps the finished stages' figures). Add a stage here when its weights land for good.
#   stage_commit[N]   the git commit that shipped stage N's last weights and card
#   stage_steps[N]    the steps it ran, stage_batch[N] its batch (sequences of 128 tokens per step)
declare -A stage_commit=([1]=92ba691 [2]=c0a4a19 [3]=11fed70 [4]=56a6a64)
declare -A stage_steps=([1]=4727 [2]=3500 [3]=15000 [4]=20000)
declare -A stage_batch=([1]=64 [2]=64 [3]=32 [4]=32)

# Sequences seen by stages 1 to N-1, the ones before stage N.
sequences_before_stage() {
    local stage=$1 total=0 s
    for ((s = 1; s < stage; s++)); do total=$((total + stage_steps[$s] * stage_batch[$s])); done
    echo "$total"
}
