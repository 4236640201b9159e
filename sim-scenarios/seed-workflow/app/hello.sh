#!/bin/sh
cat greeting.txt
echo "($(cat words.txt) words, counted at build time, read in $(pwd))"
